namespace Clspd.Records.Store;

#pragma warning disable CA1812

public sealed class PersonRow
{
    public string SubjectRef { get; init; } = "";
    public string CouncilId { get; init; } = "";
    public DateOnly Turns25On { get; init; }
    public byte[] IdentityCipher { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
}

public sealed class PersonKeyRow
{
    public string SubjectRef { get; init; } = "";
    public string MasterKeyId { get; init; } = "";
    public byte[] WrappedKey { get; init; } = [];
}

public sealed class CaseRow
{
    public string Id { get; init; } = "";
    public string CaseCode { get; init; } = "";
    public string SubjectRef { get; init; } = "";
    public string CouncilId { get; init; } = "";
    public string GroupId { get; init; } = "";
    public DateOnly StartDate { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
}
