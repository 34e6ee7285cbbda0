namespace Clspd.Testing;

/// <summary>One malformed request body, named by how it is malformed (<see cref="MalformedRequestFuzz"/>).</summary>
public sealed record MalformedBody(string Kind, byte[] Bytes);
