"""Adapters that run curafilter inside other data-processing frameworks.

Each lives in its own module and imports its framework there, so importing this package needs
none of them: ``from curafilter.integrations.datatrove import PrincipleFilter``.
"""
