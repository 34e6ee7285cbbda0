using System.Net;
using Clspd.Records.V1;
using Clspd.Registry.V1;
using Clspd.Web.Tests.Infrastructure;
using Google.Rpc;

namespace Clspd.Web.Tests;

/// <summary>Creating councils, groups, institutions and participants from the console, each refusal with its rule.</summary>
public sealed class AdministrationPagesTests
{
    private const string Token = "access-token-for-administration";

    [Fact]
    public async Task Index_ListsTheFourPagesWithWhoMayUseThem()
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        await browser.SignInAsync("admin", Token, "/administration");

        var html = WebUtility.HtmlDecode(await (await browser.GetAsync("/administration")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Contains("<h1>Administration du registre</h1>", html, StringComparison.Ordinal);
        foreach (var link in new[] { "/administration/conseil", "/administration/groupe", "/administration/institution", "/administration/participant", "/administration/cycle-de-vie" })
        {
            Assert.Contains($"href=\"{link}\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CreateCouncil_CommunesTypedOnOneLine_SentOneByOne_AndConfirmed()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer(new CreateCouncilResponse { Revision = 5, Council = new Council { Id = "c-9", Name = "CISPD du Val", Kind = CouncilKind.Cispd } });
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        const string page = "/administration/conseil";
        var form = await browser.SignedInFormAsync("admin", Token, page);

        var answer = await browser.SubmitAsync(page, form,
        [
            new("RequestId", "r-1"), new("Name", " CISPD du Val "), new("Kind", "Cispd"),
            new("Communes", "94001, 94002 ;94003"), new("ControllerName", "Mme Durand"), new("CoordinatorName", ""),
        ]);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        await browser.GetAsync("/dossiers/case-1?nominatif=true");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var request = Assert.Single(gateway.Requests.OfType<CreateCouncilRequest>());
        Assert.Equal(("r-1", "CISPD du Val", CouncilKind.Cispd, "94001|94002|94003", "Mme Durand", ""),
            (request.RequestId, request.Name, request.Kind, string.Join('|', request.CommuneInseeCodes), request.ControllerName, request.CoordinatorName));
        Assert.Contains("Conseil « CISPD du Val » (CISPD) créé : identifiant c-9.", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/administration/groupe?conseil=c-9\"", html, StringComparison.Ordinal);
        Assert.Equal(5L, gateway.Requests.OfType<GetCaseRequest>().Last().MinRegistryRevision);
    }

    [Fact]
    public async Task CreateCouncil_NotAnAdministrator_RefusalWithItsRule_REG_1()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Refuse<CreateCouncilResponse>(Refusals.Rule(Code.PermissionDenied, "REG-1", "only a bootstrap administrator may create a council"));
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        const string page = "/administration/conseil";
        var form = await browser.SignedInFormAsync("coordo", Token, page);

        var answer = await browser.SubmitAsync(page, form,
            [new("RequestId", "r-1"), new("Name", "CLSPD de Villeneuve"), new("Kind", "Clspd"), new("Communes", "94078")]);
        var html = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("Refusé (REG-1) : only a bootstrap administrator may create a council", html, StringComparison.Ordinal);
        Assert.Contains("value=\"CLSPD de Villeneuve\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateCouncil_NoCommune_FormRefusedWithoutCallingTheRegistry()
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        const string page = "/administration/conseil";
        var form = await browser.SignedInFormAsync("admin", Token, page);

        var answer = await browser.SubmitAsync(page, form,
            [new("RequestId", "r-1"), new("Name", "CLSPD de Villeneuve"), new("Kind", "Clspd"), new("Communes", "")]);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Empty(gateway.Requests);
        Assert.Contains("Indiquez le code INSEE d'au moins une commune.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateGroup_CouncilFromTheLink_SentWithKind_PlenaryHoldsNoCase()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer(new CreateGroupResponse { Revision = 8, Group = new Group { Id = "g-7", CouncilId = "c-9", Name = "Formation plénière", Kind = GroupKind.Plenary, MayHoldCases = false } });
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        const string page = "/administration/groupe";
        await browser.SignInAsync("coordo", Token, page);
        var form = await (await browser.GetAsync(page + "?conseil=c-9")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        var answer = await browser.SubmitAsync(page, form,
            [new("RequestId", "r-2"), new("conseil", "c-9"), new("Name", "Formation plénière"), new("Kind", "Plenary")]);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Contains("value=\"c-9\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("role=\"alert\"", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var request = Assert.IsType<CreateGroupRequest>(Assert.Single(gateway.Requests));
        Assert.Equal(("r-2", "c-9", "Formation plénière", GroupKind.Plenary), (request.RequestId, request.CouncilId, request.Name, request.Kind));
        Assert.Contains("Groupe « Formation plénière » (Formation plénière) créé : identifiant g-7 ; il n'examine aucune situation individuelle (REG-2).", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateGroup_NotTheCoordinator_RefusalWithItsRule_REG_2()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Refuse<CreateGroupResponse>(Refusals.Rule(Code.PermissionDenied, "REG-2", "only a bootstrap administrator or the council's coordinator may create a body"));
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        const string page = "/administration/groupe";
        var form = await browser.SignedInFormAsync("educ", Token, page);

        var answer = await browser.SubmitAsync(page, form,
            [new("RequestId", "r-2"), new("conseil", "c-9"), new("Name", "Groupe Centre"), new("Kind", "Territorial")]);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains("Refusé (REG-2) : only a bootstrap administrator or the council's coordinator may create a body", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateInstitution_Police_SentAndToldItNeverReceivesNames_REG_6()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer(new CreateInstitutionResponse { Revision = 9, Institution = new Institution { Id = "i-3", Name = "Commissariat de Villeneuve", Kind = InstitutionKind.Police, NonNominative = true } });
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        const string page = "/administration/institution";
        var form = await browser.SignedInFormAsync("coordo", Token, page);

        var answer = await browser.SubmitAsync(page, form,
            [new("RequestId", "r-3"), new("Name", "Commissariat de Villeneuve"), new("Kind", "Police"), new("Siret", "")]);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Contains("<option value=\"Gendarmerie\">Gendarmerie</option>", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var request = Assert.IsType<CreateInstitutionRequest>(Assert.Single(gateway.Requests));
        Assert.Equal(("r-3", "Commissariat de Villeneuve", InstitutionKind.Police, ""), (request.RequestId, request.Name, request.Kind, request.Siret));
        Assert.Contains("Institution « Commissariat de Villeneuve » (Police nationale) enregistrée : identifiant i-3. Ses agents ne recevront jamais de données nominatives (REG-6).", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateInstitution_SiretNotFourteenDigits_FormRefusedWithoutCallingTheRegistry()
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        const string page = "/administration/institution";
        var form = await browser.SignedInFormAsync("coordo", Token, page);

        var answer = await browser.SubmitAsync(page, form,
            [new("RequestId", "r-3"), new("Name", "Mission locale"), new("Kind", "MissionLocale"), new("Siret", "1234")]);
        var html = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Empty(gateway.Requests);
        Assert.Contains("Le SIRET compte 14 chiffres.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterParticipant_SubjectsOnePerLine_SentOneByOne()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer(new RegisterParticipantResponse { Revision = 12, Participant = new Participant { Id = "p-4", FullName = "Claire Martin", Subjects = { "cmartin", "claire.martin@dept.fr" } } });
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        const string page = "/administration/participant";
        var form = await browser.SignedInFormAsync("coordo", Token, page);

        var answer = await browser.SubmitAsync(page, form,
        [
            new("RequestId", "r-4"), new("FullName", "Claire Martin"), new("Function", "Assistante sociale"),
            new("InstitutionId", " i-1 "), new("Email", "claire.martin@dept.fr"), new("Subjects", "cmartin\r\nclaire.martin@dept.fr\r\n"),
        ]);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var request = Assert.IsType<RegisterParticipantRequest>(Assert.Single(gateway.Requests));
        Assert.Equal(("r-4", "Claire Martin", "Assistante sociale", "i-1", "claire.martin@dept.fr", "cmartin|claire.martin@dept.fr"),
            (request.RequestId, request.FullName, request.Function, request.InstitutionId, request.Email, string.Join('|', request.Subjects)));
        Assert.Contains("Participant « Claire Martin » inscrit : identifiant p-4 ; il se connecte comme cmartin, claire.martin@dept.fr.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterParticipant_SubjectTaken_RefusalShownAndTypedValuesKept()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Refuse<RegisterParticipantResponse>(new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.AlreadyExists, "token subject 'cmartin' already belongs to a participant")));
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        const string page = "/administration/participant";
        var form = await browser.SignedInFormAsync("coordo", Token, page);

        var answer = await browser.SubmitAsync(page, form,
        [
            new("RequestId", "r-4"), new("FullName", "Claire Martin"), new("Function", "Assistante sociale"),
            new("InstitutionId", "i-1"), new("Email", "claire.martin@dept.fr"), new("Subjects", "cmartin"),
        ]);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        Assert.Contains("Déjà enregistré : token subject 'cmartin' already belongs to a participant", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Claire Martin\"", html, StringComparison.Ordinal);
    }
}
