using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clspd.Records.V1;
using Clspd.Registry.V1;

namespace Clspd.EndToEnd.Tests;

/// <summary>
/// JSON for partners without gRPC: a plain HttpClient over HTTP/1.1 to the gateway's JSON listener, through the
/// real gateway (token, limits, routes) to the real services, which transcode their annotated RPCs.
/// </summary>
public sealed class JsonTranscodingTests(StackFixture stack) : IClassFixture<StackFixture>, IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = stack.Stack.GatewayJsonAddress, Timeout = TimeSpan.FromMinutes(2) };

    private RecordsService.RecordsServiceClient Records => new(stack.Gateway);

    private static string NewId() => Guid.NewGuid().ToString("N");

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task JsonTranscoding_ConsentState_ReadOverHttp11()
    {
        var (member, subjectRef, group, _) = await CaseAsync(consent: true);

        var (status, body) = await SendAsync(HttpMethod.Get,
            $"/v1/consent/subjects/{subjectRef}/state?purpose=PURPOSE_NAMED_DISCUSSION&groupId={group}", stack.Token(member));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("CONSENT_STATE_PERMITTED", (string?)body["state"]);
        Assert.True((bool?)body["informed"]);
        Assert.True((long?)body["revision"] > 0);
    }

    [Fact]
    public async Task JsonTranscoding_OwnDesignations_ReadOverHttp11()
    {
        var commune = stack.Commune;
        var council = await commune.CouncilAsync();
        var group = await commune.GroupAsync(council.Id, GroupKind.Operational);
        var (member, _) = await commune.MemberAsync(council.Id, group.Id);

        var (status, body) = await SendAsync(HttpMethod.Get, $"/v1/registry/subjects/{member}/designations", stack.Token(member));

        Assert.Equal(HttpStatusCode.OK, status);
        var designation = Assert.Single(body["designations"]!.AsArray());
        Assert.Equal(group.Id, (string?)designation!["groupId"]);
        Assert.Equal("ROLE_GROUP_MEMBER", (string?)designation["role"]);
    }

    [Fact]
    public async Task JsonTranscoding_CaseOpenedThenRead_WriteAndReadOverHttp11()
    {
        var commune = stack.Commune;
        var council = await commune.CouncilAsync();
        var group = await commune.GroupAsync(council.Id, GroupKind.Operational);
        var (member, _) = await commune.MemberAsync(council.Id, group.Id);
        var birth = DateTime.UtcNow.AddYears(-19).AddDays(-40);
        var (createdStatus, created) = await SendAsync(HttpMethod.Post, "/v1/records/persons", stack.Token(member), new JsonObject
        {
            ["requestId"] = NewId(), ["councilId"] = council.Id,
            ["identity"] = new JsonObject
            {
                ["surname"] = "Moreau", ["firstNames"] = "Inès", ["sex"] = "SEX_FEMALE",
                ["birthDate"] = new JsonObject { ["year"] = birth.Year, ["month"] = birth.Month, ["day"] = birth.Day },
            },
        });
        Assert.Equal(HttpStatusCode.OK, createdStatus);

        var (openedStatus, opened) = await SendAsync(HttpMethod.Post, "/v1/records/cases", stack.Token(member), new JsonObject
        {
            ["requestId"] = NewId(), ["subjectRef"] = (string?)created["subjectRef"], ["groupId"] = group.Id,
        });
        var caseId = (string?)opened["case"]?["id"];
        var (readStatus, read) = await SendAsync(HttpMethod.Get, $"/v1/records/cases/{caseId}", stack.Token(member));

        Assert.Equal(HttpStatusCode.OK, openedStatus);
        Assert.Equal(HttpStatusCode.OK, readStatus);
        Assert.Equal(caseId, (string?)read["case"]?["id"]);
        Assert.Equal("18-21", (string?)read["case"]?["ageBand"]);
        Assert.Null(read["case"]?["identity"]);
        Assert.False(string.IsNullOrEmpty((string?)read["decisionId"]));
    }

    [Fact]
    public async Task JsonTranscoding_AccessCheck_OwnAccessAllowedOverHttp11()
    {
        var (member, subjectRef, group, caseId) = await CaseAsync(consent: false);
        var council = (await Records.GetCaseAsync(new GetCaseRequest { CaseId = caseId }, stack.As(member))).Case.CouncilId;

        var (status, body) = await SendAsync(HttpMethod.Post, "/v1/access/check", stack.Token(member), new JsonObject
        {
            ["principal"] = member, ["action"] = "ACCESS_ACTION_READ_CASE",
            ["resource"] = new JsonObject
            {
                ["caseId"] = caseId, ["subjectRef"] = subjectRef, ["councilId"] = council, ["groupId"] = group, ["bodyKind"] = "BODY_KIND_CLSPD_GROUP",
            },
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("OUTCOME_ALLOW", (string?)body["outcome"]);
        Assert.Equal("VIEW_PSEUDONYMOUS", (string?)body["view"]);
    }

    [Fact]
    public async Task JsonTranscoding_WithoutToken_401WithJsonNamingGW_1()
    {
        var (status, body, response) = await SendFullAsync(HttpMethod.Get, "/v1/records/cases/" + NewId(), token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal(16, (int?)body["code"]);
        Assert.StartsWith("GW-1: a bearer token is required", (string?)body["message"], StringComparison.Ordinal);
        Assert.Equal("GW-1", RuleIdOf(body));
    }

    [Fact]
    public async Task JsonTranscoding_OutsiderReadsCase_403NamingACC_1()
    {
        var (_, _, _, caseId) = await CaseAsync(consent: false);
        var commune = stack.Commune;
        var council = await commune.CouncilAsync();
        var other = await commune.GroupAsync(council.Id, GroupKind.Territorial);
        var (outsider, _) = await commune.MemberAsync(council.Id, other.Id, InstitutionKind.SocialLandlord);

        var (status, body) = await SendAsync(HttpMethod.Get, $"/v1/records/cases/{caseId}", stack.Token(outsider));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(7, (int?)body["code"]);
        Assert.StartsWith("ACC-1", (string?)body["message"], StringComparison.Ordinal);
        Assert.Equal("ACC-1", RuleIdOf(body));
    }

    [Fact]
    public async Task JsonTranscoding_CheckWithoutBodyKind_400NamingTheField()
    {
        var member = "user-" + NewId();

        var (status, body) = await SendAsync(HttpMethod.Post, "/v1/access/check", stack.Token(member), new JsonObject
        {
            ["principal"] = member, ["action"] = "ACCESS_ACTION_READ_CASE",
            ["resource"] = new JsonObject { ["caseId"] = NewId(), ["subjectRef"] = NewId(), ["councilId"] = NewId(), ["groupId"] = NewId() },
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(3, (int?)body["code"]);
        Assert.Contains("resource.body_kind", (string?)body["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonTranscoding_OpenCaseWithoutSubject_400NamingTheField()
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "/v1/records/cases", stack.Token("user-" + NewId()), new JsonObject
        {
            ["requestId"] = NewId(), ["groupId"] = NewId(),
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(3, (int?)body["code"]);
        Assert.Equal("subject_ref: is required", (string?)body["message"]);
        var badRequest = Assert.Single(body["details"]!.AsArray(), d => ((string?)d!["@type"])!.EndsWith("google.rpc.BadRequest", StringComparison.Ordinal));
        Assert.Equal("subject_ref", (string?)badRequest!["fieldViolations"]![0]!["field"]);
    }

    [Fact]
    public async Task JsonTranscoding_BodyOverGatewayLimit_413NamingGW_2()
    {
        // One byte over the gateway's default limit (Gateway:MaxRequestBytes, 4 MiB): refused from its length,
        // before anything reaches the records service.
        const string Before = "{\"requestId\":\"", After = "\"}";
        var oversize = new string('a', (4 * 1024 * 1024) + 1 - Before.Length - After.Length);
        using var content = new StringContent(Before + oversize + After, Encoding.UTF8, "application/json");
        Assert.Equal((4 * 1024 * 1024) + 1, content.Headers.ContentLength);

        using var request = Request(HttpMethod.Post, "/v1/records/persons", stack.Token("user-" + NewId()));
        request.Content = content;
        request.Headers.ExpectContinue = true;
        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(8, (int?)body["code"]);
        Assert.StartsWith("GW-2: the request is larger than the 4194304 bytes", (string?)body["message"], StringComparison.Ordinal);
        Assert.Equal("GW-2", RuleIdOf(body));
    }

    [Fact]
    public async Task JsonTranscoding_UnknownService_404()
    {
        var (status, body) = await SendAsync(HttpMethod.Get, "/v1/nothing/here", stack.Token("user-" + NewId()));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("/v1/nothing/here", (string?)body["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonTranscoding_Http2OnTheMainListener_SameAnswer()
    {
        using var http2 = new HttpClient { BaseAddress = stack.Stack.GatewayAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/records/cases/" + NewId())
        {
            Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        using var response = await http2.SendAsync(request, TestContext.Current.CancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("GW-1", RuleIdOf(body));
    }

    [Fact]
    public async Task JsonTranscoding_OpenApiDocument_ListsTheAnnotatedPaths()
    {
        var (status, document) = await SendAsync(HttpMethod.Get, "/openapi/v1.json", token: null);

        Assert.Equal(HttpStatusCode.OK, status);
        var paths = document["paths"]!.AsObject();
        Assert.Equal(
            [
                ("get", "/v1/consent/subjects/{subject_ref}/state"),
                ("get", "/v1/records/cases/{case_id}"),
                ("get", "/v1/records/my-cases"),
                ("get", "/v1/registry/participants/{participant_id}/designations"),
                ("get", "/v1/registry/subjects/{subject}/designations"),
                ("post", "/v1/access/check"),
                ("post", "/v1/records/cases"),
                ("post", "/v1/records/persons"),
            ],
            paths.SelectMany(p => p.Value!.AsObject().Select(o => (o.Key, p.Key))).Order());
        var state = paths["/v1/consent/subjects/{subject_ref}/state"]!["get"]!;
        Assert.Equal("ConsentService_GetConsentState", (string?)state["operationId"]);
        Assert.Contains(state["parameters"]!.AsArray(), p => (string?)p!["name"] == "purpose" && (string?)p["in"] == "query");
        Assert.NotNull(document["components"]!["schemas"]!["clspd.records.v1.OpenCaseRequest"]);
    }

    // A case opened by a designated member of an operational group, the person informed and, when asked, consenting to a named discussion.
    private async Task<(string Member, string SubjectRef, string GroupId, string CaseId)> CaseAsync(bool consent)
    {
        var commune = stack.Commune;
        var council = await commune.CouncilAsync();
        var group = await commune.GroupAsync(council.Id, GroupKind.Operational);
        var (member, _) = await commune.MemberAsync(council.Id, group.Id);
        var birth = DateTime.UtcNow.AddYears(-19).AddDays(-40);
        var person = await Records.CreatePersonAsync(new CreatePersonRequest
        {
            RequestId = NewId(), CouncilId = council.Id,
            Identity = new Identity { Surname = "Moreau", FirstNames = "Inès", Sex = Sex.Female, BirthDate = new Google.Type.Date { Year = birth.Year, Month = birth.Month, Day = birth.Day } },
        }, stack.As(member));
        if (consent)
        {
            await commune.NamedDiscussionAsync(person.SubjectRef, group.Id, await commune.NoticeAsync(council.Id));
        }

        var opened = await Records.OpenCaseAsync(new OpenCaseRequest { RequestId = NewId(), SubjectRef = person.SubjectRef, GroupId = group.Id }, stack.As(member));
        return (member, person.SubjectRef, group.Id, opened.Case.Id);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? token)
    {
        var request = new HttpRequestMessage(method, path) { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private async Task<(HttpStatusCode Status, JsonNode Body)> SendAsync(HttpMethod method, string path, string? token, JsonObject? body = null)
    {
        var (status, json, response) = await SendFullAsync(method, path, token, body);
        response.Dispose();
        return (status, json);
    }

    private async Task<(HttpStatusCode Status, JsonNode Body, HttpResponseMessage Response)> SendFullAsync(HttpMethod method, string path, string? token, JsonObject? body = null)
    {
        using var request = Request(method, path, token);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpVersion.Version11, response.Version);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(text.Length > 0, $"no body: {response.StatusCode} {response.Headers} {response.Content.Headers} {(response.TrailingHeaders)}");
        return (response.StatusCode, JsonNode.Parse(text) ?? throw new JsonException($"no JSON body ({response.StatusCode}): '{text}'"), response);
    }

    // The rule id of the body's google.rpc.ErrorInfo detail.
    private static string? RuleIdOf(JsonNode body) =>
        body["details"]?.AsArray()
            .Where(d => ((string?)d?["@type"])?.EndsWith("google.rpc.ErrorInfo", StringComparison.Ordinal) == true)
            .Select(d => (string?)d!["metadata"]?["rule_id"])
            .FirstOrDefault();
}
