"""Logger and Metrics, created once for the whole package.

They live at the package root so every layer (handlers, services, store) may import them
without reaching up into the entry points. Names come from POWERTOOLS_SERVICE_NAME and
POWERTOOLS_METRICS_NAMESPACE, which template.yaml sets.

No Powertools Tracer: it loads the X-Ray SDK and botocore when created, which tripled the
import of an entry point (docs/benchmarks.md, "Cold start"). Each invocation is traced by the
Lambda service itself (`Tracing: Active` in template.yaml), without code in the package.
"""
from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit

logger = Logger()
metrics = Metrics()

__all__ = ["MetricUnit", "logger", "metrics"]
