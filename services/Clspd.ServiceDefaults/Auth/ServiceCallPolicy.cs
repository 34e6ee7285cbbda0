using System.Collections.Frozen;
using Google.Protobuf.Reflection;
using AccessV1 = Clspd.Access.V1;
using ConsentV1 = Clspd.Consent.V1;
using RegistryV1 = Clspd.Registry.V1;

namespace Clspd.ServiceDefaults.Auth;

/// <summary>
/// Least privilege between the services: each RPC a service may call on another names the peer
/// services allowed to call it; a service identity calling anything else is refused (GW-1). No
/// RPC that records, withdraws or alters a consent, a designation or a case is granted to any
/// service: those are done by people, with their own tokens.
/// </summary>
public static class ServiceCallPolicy
{
    private const string ConsentName = "consent";
    private const string RecordsName = "records";
    private const string AccessName = "access";

    private static readonly FrozenDictionary<string, FrozenSet<string>> Granted = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        // Designations: who is designated where (consent's and records' authorisation, access's facts).
        [Path(RegistryV1.RegistryService.Descriptor, "ListSubjectDesignations")] = [ConsentName, RecordsName, AccessName],
        // The registry's change feed: access keeps its view of designations current.
        [Path(RegistryV1.RegistryService.Descriptor, "Watch")] = [AccessName],
        [Path(RegistryV1.RegistryService.Descriptor, "GetGroup")] = [RecordsName],
        [Path(RegistryV1.RegistryService.Descriptor, "GetCouncil")] = [RecordsName],
        [Path(RegistryV1.RegistryService.Descriptor, "ListMeetings")] = [RecordsName],
        [Path(RegistryV1.RegistryService.Descriptor, "GetCouncilFigures")] = [RecordsName],
        // Consent's state and change feed: access decides on them.
        [Path(ConsentV1.ConsentService.Descriptor, "GetConsentState")] = [AccessName],
        [Path(ConsentV1.ConsentService.Descriptor, "Watch")] = [AccessName],
        // Records registers the subjects of its cases and publishes suppressed statistics.
        [Path(ConsentV1.SubjectService.Descriptor, "PutSubject")] = [RecordsName],
        // Records, destroying a person (REC-7), has consent forget them too.
        [Path(ConsentV1.SubjectService.Descriptor, "EraseSubject")] = [RecordsName],
        [Path(ConsentV1.ConsentService.Descriptor, "GetConsentStatistics")] = [RecordsName],
        // Records asks access before every read and write, and reads the audit for a subject's file.
        [Path(AccessV1.AccessService.Descriptor, "Check")] = [RecordsName],
        [Path(AccessV1.AccessService.Descriptor, "BatchCheck")] = [RecordsName],
        [Path(AccessV1.AuditService.Descriptor, "ListAuditEntries")] = [RecordsName],
        [Path(AccessV1.AuditService.Descriptor, "GetAuditStatistics")] = [RecordsName],
    }.ToFrozenDictionary(e => e.Key, e => e.Value.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>
    /// RPCs between services only (whole change feeds of a department or a commune): no person calls
    /// them, and the gateway routes them to no one.
    /// </summary>
    public static readonly FrozenSet<string> InternalOnly = new[]
    {
        Path(RegistryV1.RegistryService.Descriptor, "Watch"),
        Path(ConsentV1.ConsentService.Descriptor, "Watch"),
        Path(ConsentV1.SubjectService.Descriptor, "EraseSubject"),
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Every granted RPC (full gRPC path) with the services allowed to call it.</summary>
    public static IReadOnlyDictionary<string, FrozenSet<string>> Grants => Granted;

    /// <summary>
    /// Whether the service named <paramref name="service"/> may call <paramref name="method"/>
    /// (a full gRPC path, <c>/package.Service/Method</c>). Health and reflection are open to all.
    /// </summary>
    public static bool Allows(string service, string method)
    {
        if (method.StartsWith("/grpc.", StringComparison.Ordinal))
        {
            return true;
        }

        return Granted.TryGetValue(method, out var callers) && callers.Contains(service);
    }

    private static string Path(ServiceDescriptor service, string method) =>
        service.FindMethodByName(method) is { } found
            ? $"/{service.FullName}/{found.Name}"
            : throw new InvalidOperationException($"{service.FullName} has no method {method}");
}
