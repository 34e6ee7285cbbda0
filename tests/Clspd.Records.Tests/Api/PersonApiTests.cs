using Clspd.Consent.V1;
using Clspd.Records.V1;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;

namespace Clspd.Records.Tests.Api;

public sealed class PersonApiTests(RecordsServices services) : IClassFixture<RecordsServices>
{
    private static Identity Parent(string first) => new() { Surname = "Dupont", FirstNames = first, Phone = "0600000000" };

    [Fact]
    public async Task CreatePerson_MinorWithTwoLegalRepresentatives_ConsentKnowsTheirReferences_REC_1()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var created = await s.Records.CreatePersonAsync(new CreatePersonRequest
        {
            RequestId = RecordsScenario.NewId(), CouncilId = s.Council, Identity = RecordsScenario.Young(14),
            LegalRepresentatives = { Parent("Marc"), Parent("Inès") }, SchoolLevel = SchoolLevel.LowerSecondary,
        }, s.AsMember);

        var known = await s.Commune.Subjects.GetSubjectAsync(new GetSubjectRequest { SubjectRef = created.SubjectRef }, s.Commune.Admin);

        Assert.Equal(2, created.LegalRepresentativeRefs.Count);
        Assert.Equal(created.LegalRepresentativeRefs.Order(StringComparer.Ordinal), known.Subject.LegalRepresentativeRefs.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("Marc", known.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePerson_ThreeLegalRepresentatives_InvalidArgument_REC_1()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => s.Records.CreatePersonAsync(new CreatePersonRequest
        {
            RequestId = RecordsScenario.NewId(), CouncilId = s.Council, Identity = RecordsScenario.Young(),
            LegalRepresentatives = { Parent("A"), Parent("B"), Parent("C") },
        }, s.AsMember).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field == "legal_representatives");
    }

    [Fact]
    public async Task CreatePerson_SchoolLevelAndProfessionalSituation_InvalidArgument_REC_1()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => s.Records.CreatePersonAsync(new CreatePersonRequest
        {
            RequestId = RecordsScenario.NewId(), CouncilId = s.Council, Identity = RecordsScenario.Young(19),
            SchoolLevel = SchoolLevel.HigherEducation, ProfessionalSituation = ProfessionalSituation.Employed,
        }, s.AsMember).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field == "professional_situation" && v.Description.StartsWith("REC-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreatePerson_UnknownSchoolLevelCode_InvalidArgument_REC_1()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => s.Records.CreatePersonAsync(new CreatePersonRequest
        {
            RequestId = RecordsScenario.NewId(), CouncilId = s.Council, Identity = RecordsScenario.Young(), SchoolLevel = (SchoolLevel)99,
        }, s.AsMember).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field == "school_level");
    }

    [Fact]
    public async Task CreatePerson_NirLikeFieldOnLegalRepresentative_InvalidArgumentAndNothingWritten_REC_1()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var bytes = Parent("Marc").ToByteArray().Concat(new byte[] { (15 << 3) | 2, 13 }).Concat("1850512345678"u8.ToArray()).ToArray();
        var before = await RecordsScenario.CountAsync(services.Records.DataDirectory, "SELECT COUNT(*) FROM persons");

        var ex = await Assert.ThrowsAsync<RpcException>(() => s.Records.CreatePersonAsync(new CreatePersonRequest
        {
            RequestId = RecordsScenario.NewId(), CouncilId = s.Council, Identity = RecordsScenario.Young(), LegalRepresentatives = { Identity.Parser.ParseFrom(bytes) },
        }, s.AsMember).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field == "legal_representatives[0]" && v.Description.StartsWith("REC-1", StringComparison.Ordinal));
        Assert.Equal(before, await RecordsScenario.CountAsync(services.Records.DataDirectory, "SELECT COUNT(*) FROM persons"));
    }
}
