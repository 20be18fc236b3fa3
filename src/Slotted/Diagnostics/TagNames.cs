namespace Slotted.Diagnostics;

/// <summary>Tag names: OpenTelemetry's database and server conventions where one exists, <c>slotted.</c> for the client's own.</summary>
internal static class TagNames
{
    public const string DbSystemName = "db.system.name";
    public const string DbOperationName = "db.operation.name";
    public const string DbBatchSize = "db.operation.batch.size";
    public const string DbStatusCode = "db.response.status_code";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";
    public const string ErrorType = "error.type";
    public const string Slot = "slotted.slot";
    public const string Redirects = "slotted.redirects";
    public const string Retries = "slotted.retries";
    public const string Emulated = "slotted.emulated";
    public const string Kind = "kind";
    public const string Reason = "reason";
    public const string Result = "result";

    public const string Redis = "redis";
    public const string OtherCommand = "other";
}
