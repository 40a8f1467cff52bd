"""Logger, Tracer and Metrics, created once for the whole package.

They live at the package root so every layer (handlers, services, store) may import them
without reaching up into the entry points. Names come from POWERTOOLS_SERVICE_NAME and
POWERTOOLS_METRICS_NAMESPACE, which template.yaml sets.
"""
from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit

logger = Logger()
tracer = Tracer()
metrics = Metrics()

__all__ = ["logger", "tracer", "metrics", "MetricUnit"]
