namespace Clspd.Access.Store;

/// <summary>The audit trail could not be appended: the decision becomes a deny (ACC-4).</summary>
public sealed class AuditUnavailableException(string message, Exception? inner) : Exception(message, inner);
