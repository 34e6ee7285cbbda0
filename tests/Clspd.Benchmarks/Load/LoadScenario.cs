using Clspd.Access.V1;
using Clspd.Consent.V1;
using Clspd.Records.V1;
using Clspd.Registry.V1;
using Clspd.Testing;
using Grpc.Core;
using Grpc.Net.Client;

namespace Clspd.Benchmarks.Load;

/// <summary>
/// A small commune seeded through the gateway (council, group, designated member, a person with an
/// open case, informing and consent), and the calls of each request mix against it.
/// </summary>
public sealed class LoadScenario
{
    public static readonly IReadOnlyList<string> Mixes = ["check", "batch", "case", "consent", "designations"];

    private readonly Func<string, CallOptions> _as;

    private LoadScenario(Func<string, CallOptions> asSubject) => _as = asSubject;

    public string CouncilId { get; private set; } = "";
    public string GroupId { get; private set; } = "";
    public string Member { get; private set; } = "";
    public string SubjectRef { get; private set; } = "";
    public string CaseId { get; private set; } = "";

    public static async Task<LoadScenario> SeedAsync(GrpcChannel gateway, Func<string, CallOptions> asSubject)
    {
        var scenario = new LoadScenario(asSubject);
        var commune = new Commune(gateway, gateway, asSubject, TimeProvider.System);
        var council = await commune.CouncilAsync();
        var group = await commune.GroupAsync(council.Id, GroupKind.Operational);
        var (member, _) = await commune.MemberAsync(council.Id, group.Id);
        var records = new RecordsService.RecordsServiceClient(gateway);
        var person = await records.CreatePersonAsync(new CreatePersonRequest
        {
            RequestId = Commune.NewId(), CouncilId = council.Id,
            Identity = new Identity { Surname = "Moreau", FirstNames = "Inès", Sex = Sex.Female, BirthDate = new Google.Type.Date { Year = DateTime.UtcNow.Year - 19, Month = 3, Day = 14 } },
        }, asSubject(member));
        await commune.NamedDiscussionAsync(person.SubjectRef, group.Id, await commune.NoticeAsync(council.Id));
        var opened = await records.OpenCaseAsync(new OpenCaseRequest { RequestId = Commune.NewId(), SubjectRef = person.SubjectRef, GroupId = group.Id }, asSubject(member));
        scenario.CouncilId = council.Id;
        scenario.GroupId = group.Id;
        scenario.Member = member;
        scenario.SubjectRef = person.SubjectRef;
        scenario.CaseId = opened.Case.Id;
        return scenario;
    }

    /// <summary>The service a mix calls, for the direct (gateway-less) target.</summary>
    public static string ServiceOf(string mix) => mix switch
    {
        "check" or "batch" => "access",
        "case" => "records",
        "consent" => "consent",
        "designations" => "registry",
        _ => throw new ArgumentException($"unknown mix '{mix}'; known: {string.Join(", ", Mixes)}", nameof(mix)),
    };

    public Func<CancellationToken, Task> Call(string mix, GrpcChannel channel)
    {
        var resource = new CaseResource { CaseId = CaseId, SubjectRef = SubjectRef, CouncilId = CouncilId, GroupId = GroupId, BodyKind = BodyKind.ClspdGroup };
        var check = new CheckRequest { Principal = Member, Action = AccessAction.ReadCase, View = View.Pseudonymous, Resource = resource };
        switch (mix)
        {
            case "check":
            {
                var client = new AccessService.AccessServiceClient(channel);
                var options = _as("svc:records");
                return ct => client.CheckAsync(check, options.WithCancellationToken(ct)).ResponseAsync;
            }

            case "batch":
            {
                var client = new AccessService.AccessServiceClient(channel);
                var options = _as("svc:records");
                var batch = new BatchCheckRequest();
                for (var i = 0; i < 10; i++)
                {
                    batch.Items.Add(new BatchCheckItem { CorrelationId = "i" + i, Check = check });
                }

                return ct => client.BatchCheckAsync(batch, options.WithCancellationToken(ct)).ResponseAsync;
            }

            case "case":
            {
                var client = new RecordsService.RecordsServiceClient(channel);
                var options = _as(Member);
                var request = new GetCaseRequest { CaseId = CaseId };
                return ct => client.GetCaseAsync(request, options.WithCancellationToken(ct)).ResponseAsync;
            }

            case "consent":
            {
                var client = new ConsentService.ConsentServiceClient(channel);
                var options = _as("svc:access");
                var request = new GetConsentStateRequest { SubjectRef = SubjectRef, Purpose = Purpose.NamedDiscussion, GroupId = GroupId };
                return ct => client.GetConsentStateAsync(request, options.WithCancellationToken(ct)).ResponseAsync;
            }

            case "designations":
            {
                var client = new RegistryService.RegistryServiceClient(channel);
                var options = _as("svc:access");
                var request = new ListSubjectDesignationsRequest { Subject = Member };
                return ct => client.ListSubjectDesignationsAsync(request, options.WithCancellationToken(ct)).ResponseAsync;
            }

            default:
                throw new ArgumentException($"unknown mix '{mix}'; known: {string.Join(", ", Mixes)}", nameof(mix));
        }
    }
}
