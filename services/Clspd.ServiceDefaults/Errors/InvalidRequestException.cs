namespace Clspd.ServiceDefaults.Errors;

/// <summary>Bad input: maps to <c>InvalidArgument</c> with <c>BadRequest</c> field violations.</summary>
public sealed class InvalidRequestException(IReadOnlyList<FieldError> errors)
    : ClspdException(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Description}")))
{
    public InvalidRequestException(string field, string description)
        : this([new FieldError(field, description)])
    {
    }

    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
