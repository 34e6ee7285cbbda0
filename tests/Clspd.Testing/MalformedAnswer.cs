using Grpc.Core;

namespace Clspd.Testing;

/// <summary>What one malformed call got: the status (OK when the call succeeded), its message, and the message expected.</summary>
public sealed record MalformedAnswer(string Method, string Kind, string Hex, StatusCode Status, string Detail, string Expected);
