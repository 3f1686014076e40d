namespace Symroute.Output;

/// <summary><c>symroute check --format</c>.</summary>
public enum ReportFormat
{
    Text,
    Json,
    Nagios,
    Prometheus,
}
