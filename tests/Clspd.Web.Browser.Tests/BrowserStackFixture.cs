using System.Collections.Concurrent;
using Clspd.Local;
using Clspd.Records.V1;
using Clspd.Registry.V1;
using Clspd.ServiceDefaults.Auth;
using Clspd.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Playwright;

namespace Clspd.Web.Browser.Tests;

/// <summary>
/// One local stack (services, gateway, development sign-in, console) seeded with a commune, and one
/// headless Chromium from Debian's package, shared by every browser test. Without
/// <c>/usr/bin/chromium</c> nothing starts and the tests are skipped with the reason.
/// </summary>
public sealed class BrowserStackFixture : IAsyncLifetime
{
    /// <summary>Debian's chromium: the only browser these tests launch (none is ever downloaded).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private readonly string _data = Path.Combine(Path.GetTempPath(), "clspd-browser", Guid.NewGuid().ToString("N"));
    private LocalIssuer? _issuer;
    private GrpcChannel? _gateway;
    private IPlaywright? _playwright;

    public static bool ChromiumInstalled => File.Exists(ChromiumPath);

    public const string SkipReason = $"{ChromiumPath} is not installed (Debian's chromium package; .ci/run installs it)";

    public LocalStack Stack { get; private set; } = null!;

    public ConcurrentQueue<string> Output { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public Commune Commune { get; private set; } = null!;

    /// <summary>The seeded commune: a ready council, a territorial group and who sits in it.</summary>
    public Council Council { get; private set; } = null!;

    public Group Group { get; private set; } = null!;

    /// <summary>The council's coordinator (designated coordinator in the group).</summary>
    public string Coordinator { get; private set; } = "";

    /// <summary>A member of the group (specialised prevention).</summary>
    public string Member { get; private set; } = "";

    /// <summary>A member of the group from the national police (ACC-2: never a name).</summary>
    public string Police { get; private set; } = "";

    /// <summary>A participant of the council designated nowhere yet: the designation test designates them.</summary>
    public Participant Candidate { get; private set; } = null!;

    /// <summary>A case of the group whose person agreed to named discussion in it (Inès Moreau).</summary>
    public string ConsentedCase { get; private set; } = "";

    /// <summary>A case whose person agreed, then withdraws in a test (CON-4) (Jade Lefèvre).</summary>
    public string WithdrawnCase { get; private set; } = "";

    /// <summary>The person of <see cref="WithdrawnCase"/>.</summary>
    public string WithdrawnSubjectRef { get; private set; } = "";

    /// <summary>A case whose person is neither informed nor asked yet: a test records both in the console (Léa Girard).</summary>
    public string UnaskedCase { get; private set; } = "";

    /// <summary>The person of <see cref="UnaskedCase"/>.</summary>
    public string UnaskedSubjectRef { get; private set; } = "";

    /// <summary>The council's published information notice.</summary>
    public string Notice { get; private set; } = "";

    /// <summary>
    /// The designated path referent of <see cref="ReferentCase"/>, named on its follow-up; the person
    /// consented to the programme enrolment and to named discussion in the group (Sarah Benali).
    /// </summary>
    public string Referent { get; private set; } = "";

    /// <summary>The case <see cref="Referent"/> follows.</summary>
    public string ReferentCase { get; private set; } = "";

    public CallOptions As(string subject) => new(new Metadata { { "authorization", "Bearer " + _issuer!.Mint(subject, TimeSpan.FromMinutes(30)) } });

    public async ValueTask InitializeAsync()
    {
        if (!ChromiumInstalled)
        {
            return;
        }

        Stack = new LocalStack(new LocalStackOptions
        {
            DataDirectory = _data,
            // h2c between the services, as the end-to-end tests run them: the console is what is tested here.
            InsecureLoopback = true,
            Ports = StackPorts.Free(),
            Output = Output.Enqueue,
            StartTimeout = TimeSpan.FromSeconds(180),
            Settings = new Dictionary<string, string> { ["Peers:CallTimeoutMilliseconds"] = "60000" },
        });
        await Stack.StartAsync(TestContext.Current.CancellationToken);
        _issuer = LocalIssuer.Load(Path.Combine(_data, LocalIssuer.PrivateKeyFileName));
        _gateway = GrpcChannel.ForAddress(Stack.GatewayAddress);
        Commune = new Commune(_gateway, _gateway, As, TimeProvider.System);
        await SeedAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
    }

    private async Task SeedAsync()
    {
        Council = await Commune.CouncilAsync();
        Group = await Commune.GroupAsync(Council.Id);
        Coordinator = (await Commune.MemberAsync(Council.Id, Group.Id, InstitutionKind.MunicipalPreventionService, Role.Coordinator)).Subject;
        Member = (await Commune.MemberAsync(Council.Id, Group.Id)).Subject;
        Police = (await Commune.MemberAsync(Council.Id, Group.Id, InstitutionKind.Police)).Subject;
        Candidate = await Commune.ParticipantAsync(Council.Id, InstitutionKind.SocialLandlord);
        var notice = await Commune.NoticeAsync(Council.Id);
        Notice = notice;
        ConsentedCase = await ConsentedCaseAsync("Moreau", "Inès", notice);
        (WithdrawnCase, WithdrawnSubjectRef) = (await ConsentedCaseAsync("Lefèvre", "Jade", notice), _lastSubjectRef);
        (UnaskedCase, UnaskedSubjectRef) = (await ConsentedCaseAsync("Girard", "Léa", notice: null), _lastSubjectRef);
        (Referent, ReferentCase) = await FollowedCaseAsync(notice);
    }

    // As the CLI demo does for Yanis: a consented case, a path referent designated for it, the person's
    // consent to the programme enrolment (ACC-3) and the follow-up started with them as its referent.
    private async Task<(string Subject, string CaseId)> FollowedCaseAsync(string notice)
    {
        var caseId = await ConsentedCaseAsync("Benali", "Sarah", notice);
        var referent = await Commune.ParticipantAsync(Council.Id);
        await Commune.DesignateAsync(referent, Group.Id, Role.PathReferent, caseId);
        var enrolled = await Commune.ProgrammeEnrolmentAsync(_lastSubjectRef, notice);
        var followUps = new FollowUpService.FollowUpServiceClient(_gateway);
        var referral = await followUps.RecordReferralAsync(new RecordReferralRequest
        {
            RequestId = Commune.NewId(), CaseId = caseId, Origin = ReferralOrigin.NationalEducation, Reasons = { ReferralReason.SchoolAbsenteeism },
        }, As(Member));
        await followUps.StartFollowUpAsync(new StartFollowUpRequest
        {
            RequestId = Commune.NewId(), CaseId = caseId, ReferralId = referral.ReferralId, Programme = Programme.IndividualPreventionPath,
            PathReferentId = referent.Id, MinConsentRevision = enrolled,
        }, As(Member));
        return (referent.Subjects[0], caseId);
    }

    private string _lastSubjectRef = "";

    // A person of the council, their consent to named discussion in the group (unless no notice), and a case opened by the member.
    private async Task<string> ConsentedCaseAsync(string surname, string firstNames, string? notice)
    {
        var records = new RecordsService.RecordsServiceClient(_gateway);
        var born = DateTime.UtcNow.AddYears(-19).AddDays(-40);
        var person = await records.CreatePersonAsync(new CreatePersonRequest
        {
            RequestId = Commune.NewId(), CouncilId = Council.Id,
            Identity = new Identity { Surname = surname, FirstNames = firstNames, Sex = Sex.Female, BirthDate = new Google.Type.Date { Year = born.Year, Month = born.Month, Day = born.Day } },
        }, As(Member));
        if (notice is not null)
        {
            await Commune.NamedDiscussionAsync(person.SubjectRef, Group.Id, notice);
        }

        var opened = await records.OpenCaseAsync(new OpenCaseRequest { RequestId = Commune.NewId(), SubjectRef = person.SubjectRef, GroupId = Group.Id }, As(Member));
        _lastSubjectRef = person.SubjectRef;
        return opened.Case.Id;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _gateway?.Dispose();
        _issuer?.Dispose();
        if (Stack is not null)
        {
            await Stack.DisposeAsync();
        }

        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean (or never created: chromium is absent).
        }
    }
}
