namespace Clspd.ServiceDefaults.Errors;

/// <summary>
/// Base of the few typed exceptions domain and store code throw. The exception interceptor maps
/// each one to a gRPC status with <c>google.rpc</c> details; anything else becomes <c>Internal</c>.
/// </summary>
public abstract class ClspdException(string message) : Exception(message);
