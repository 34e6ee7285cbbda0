using Clspd.Registry.V1;
using Grpc.Core;

namespace Clspd.Consent.Tests.Api;

/// <summary>The registry's answer to ListSubjectDesignations, from a fixed table (token subject → designations).</summary>
public sealed class FakeRegistry : RegistryService.RegistryServiceClient
{
    public Dictionary<string, List<Designation>> Designations { get; } = new(StringComparer.Ordinal);

    public bool Down { get; set; }

    public override AsyncUnaryCall<ListSubjectDesignationsResponse> ListSubjectDesignationsAsync(ListSubjectDesignationsRequest request, CallOptions options)
    {
        if (Down)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "registry down"));
        }

        var response = new ListSubjectDesignationsResponse { Revision = 1 };
        if (Designations.TryGetValue(request.Subject, out var designations))
        {
            response.Participant = new Participant { Id = "part-" + request.Subject, Subjects = { request.Subject } };
            response.Designations.Add(designations);
        }

        return new AsyncUnaryCall<ListSubjectDesignationsResponse>(Task.FromResult(response), Task.FromResult(new Metadata()),
            () => Status.DefaultSuccess, () => [], () => { });
    }
}
