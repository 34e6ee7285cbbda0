namespace Clspd.ServiceDefaults.Errors;

/// <summary>A referenced resource does not exist: maps to <c>NotFound</c> with <c>ResourceInfo</c>.</summary>
public sealed class NotFoundException(string resourceType, string resourceId)
    : ClspdException($"{resourceType} '{resourceId}' was not found")
{
    public string ResourceType { get; } = resourceType;

    public string ResourceId { get; } = resourceId;
}
