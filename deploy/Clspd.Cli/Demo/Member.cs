using Clspd.Registry.V1;

namespace Clspd.Cli.Demo;

/// <summary>An institution of the demo and its one participant, with their designations.</summary>
public sealed record Member(string Key, string Institution, InstitutionKind Kind, string Name, string Function, string Subject, Role Role, string[] Groups);
