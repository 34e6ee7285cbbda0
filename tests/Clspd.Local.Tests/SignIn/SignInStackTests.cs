using System.Net;
using Clspd.Registry.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Clspd.Local.Tests.SignIn;

/// <summary>The development sign-in as the local stack runs it: its tokens are the services' tokens, its page lists the registry's participants.</summary>
[Collection(RegistryStackSharing.Name)]
public sealed class SignInStackTests(RegistryStackFixture fixture)
{
    private LocalStack Stack => fixture.Run.Stack;

    [Fact]
    public async Task SignIn_AccessToken_AcceptedByTheRegistryThroughTheGateway_IdTokenRefused()
    {
        using var client = new SignInClient(Stack.SignInAddress, new Uri(Stack.WebAddress, "signin-oidc"));
        var (accessToken, idToken) = await client.SignInAsync("admin");
        using var gateway = GrpcChannel.ForAddress(Stack.GatewayAddress);
        var registry = new RegistryService.RegistryServiceClient(gateway);

        var reply = await registry.ListSubjectDesignationsAsync(new ListSubjectDesignationsRequest { Subject = "someone-unknown" },
            new Metadata { { "authorization", $"Bearer {accessToken}" } }, cancellationToken: TestContext.Current.CancellationToken);
        var refused = await Assert.ThrowsAsync<RpcException>(() => registry.ListSubjectDesignationsAsync(new ListSubjectDesignationsRequest { Subject = "admin" },
            new Metadata { { "authorization", $"Bearer {idToken}" } }, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Null(reply.Participant);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }

    [Fact]
    public async Task SignInPage_ParticipantRegistered_OfferedWithNameAndFunction()
    {
        using var gateway = GrpcChannel.ForAddress(Stack.GatewayAddress);
        var registry = new RegistryService.RegistryServiceClient(gateway);
        var admin = new Metadata { { "authorization", $"Bearer {fixture.Token("admin")}" } };
        var subject = $"educ-{Guid.NewGuid():N}";
        var institution = await registry.CreateInstitutionAsync(new CreateInstitutionRequest
        {
            RequestId = Guid.NewGuid().ToString(), Name = "Association Prévention Jeunesse", Kind = InstitutionKind.SpecialisedPrevention,
        }, admin, cancellationToken: TestContext.Current.CancellationToken);
        await registry.RegisterParticipantAsync(new RegisterParticipantRequest
        {
            RequestId = Guid.NewGuid().ToString(), FullName = "Chloé Martin", Function = "Éducatrice spécialisée",
            InstitutionId = institution.Institution.Id, Email = "chloe.martin@example.org", Subjects = { subject },
        }, admin, cancellationToken: TestContext.Current.CancellationToken);
        using var client = new SignInClient(Stack.SignInAddress, new Uri(Stack.WebAddress, "signin-oidc"));

        // The page follows the registry's change feed: the new participant shows up once it is read.
        var page = string.Empty;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!page.Contains(subject, StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            using var answer = await client.GetAuthorizeAsync(client.AuthorizeParameters());
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            page = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
        }

        Assert.Contains($"Chloé Martin — Éducatrice spécialisée ({subject})", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Banner_ConsoleAndSignIn_NamesTheirAddresses()
    {
        var banner = Banner.For(Stack);

        Assert.Contains($"  web       {Stack.WebAddress.ToString().TrimEnd('/'),-23} pid {Stack.ProcessIds["web"]}  the web console: open it in a browser\n", banner, StringComparison.Ordinal);
        Assert.Contains($"  signin    {Stack.SignInAddress.ToString().TrimEnd('/'),-23} development sign-in (OpenID Connect, loopback only)\n", banner, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_NotSignedIn_SentToTheDevelopmentSignIn_WhichAcceptsItsRequest()
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });

        using var console = await http.GetAsync(Stack.WebAddress, TestContext.Current.CancellationToken);
        var authorize = console.Headers.Location!;
        using var signIn = await http.GetAsync(authorize, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, console.StatusCode);
        Assert.StartsWith($"{Stack.SignInAddress}authorize?client_id=clspd-web&", authorize.ToString(), StringComparison.Ordinal);
        Assert.Contains("code_challenge_method=S256", authorize.Query, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("Connexion de développement", await signIn.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
