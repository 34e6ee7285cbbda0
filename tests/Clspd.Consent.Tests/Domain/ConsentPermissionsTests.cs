using Clspd.Consent.Domain;
using Clspd.Rules;

namespace Clspd.Consent.Tests.Domain;

/// <summary>Who may call what in consent, as pure functions of the caller's facts, table-driven.</summary>
public sealed class ConsentPermissionsTests
{
    private const string RecordSentence = "only participants designated in the person's group, or the department's configured recorders, may record informing and consent";
    private const string ReadSentence = "consent is read by the platform's services, the council's coordination and participants designated in the person's group";

    private static ConsentCaller Caller(string name) => name switch
    {
        "nobody" => new ConsentCaller(),
        "service" => new ConsentCaller { IsService = true },
        "admin" => new ConsentCaller { IsBootstrapAdmin = true },
        "recorder" => new ConsentCaller { IsRecorder = true },
        "reader" => new ConsentCaller { IsReader = true },
        "editor" => new ConsentCaller { IsNoticeEditor = true },
        "designated" => new ConsentCaller { DesignatedForSubject = true },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such caller"),
    };

    [Theory]
    [InlineData("admin", ConsentRecording.Informing, null, false)]
    [InlineData("recorder", ConsentRecording.Decision, null, false)]
    [InlineData("designated", ConsentRecording.Withdrawal, null, true)]
    [InlineData("service", ConsentRecording.Decision, "GW-1", false)]
    [InlineData("reader", ConsentRecording.Informing, "CON-2", true)]
    [InlineData("nobody", ConsentRecording.Decision, "CON-3", true)]
    [InlineData("editor", ConsentRecording.Withdrawal, "CON-4", true)]
    public void Record_ByCaller_DesignatedOrRecordersOnly_CON_2_CON_3_CON_4(string caller, ConsentRecording what, string? rule, bool needsDesignation)
    {
        var violation = ConsentPermissions.Record(Caller(caller), what);

        Assert.Equal(needsDesignation, ConsentPermissions.RecordNeedsDesignation(Caller(caller)));
        Assert.Equal(rule, violation?.RuleId);
        if (rule is not null)
        {
            Assert.Equal(rule == "GW-1" ? "a service identity may not record informing, consent or its withdrawal on a person's behalf" : RecordSentence, violation!.Sentence);
            Assert.Equal("", violation.Subject);
        }
    }

    [Theory]
    [InlineData("service", ConsentReading.State, null, false)]
    [InlineData("admin", ConsentReading.Record, null, false)]
    [InlineData("recorder", ConsentReading.Notice, null, false)]
    [InlineData("reader", ConsentReading.State, null, false)]
    [InlineData("designated", ConsentReading.Record, null, true)]
    [InlineData("nobody", ConsentReading.State, "CON-4", true)]
    [InlineData("editor", ConsentReading.Record, "CON-5", true)]
    [InlineData("nobody", ConsentReading.Notice, "CON-2", true)]
    public void Read_ByCaller_PrivilegedListedOrDesignated_CON_2_CON_4_CON_5(string caller, ConsentReading what, string? rule, bool needsDesignation)
    {
        Assert.Equal(needsDesignation, ConsentPermissions.ReadNeedsDesignation(Caller(caller)));
        Assert.Equal(rule is null ? null : new Violation(rule, "", ReadSentence), ConsentPermissions.Read(Caller(caller), what));
    }

    [Theory]
    [InlineData("service", true)]
    [InlineData("admin", true)]
    [InlineData("recorder", true)]
    [InlineData("reader", false)]
    [InlineData("designated", false)]
    public void RegisterSubjects_ByCaller_RecordsAdministratorsRecorders_CON_3(string caller, bool allowed) =>
        Assert.Equal(allowed ? null : new Violation("CON-3", "", "subjects are registered by the records service or the department's configured recorders"),
            ConsentPermissions.RegisterSubjects(Caller(caller)));

    [Theory]
    [InlineData("service", true)]
    [InlineData("admin", true)]
    [InlineData("recorder", false)]
    [InlineData("reader", false)]
    public void ReadStatistics_ByCaller_ServicesAndAdministrators_REC_11(string caller, bool allowed) =>
        Assert.Equal(allowed ? null : new Violation("REC-11", "", "raw consent counts are read by the records service, which publishes them suppressed, and administrators"),
            ConsentPermissions.ReadStatistics(Caller(caller)));

    [Theory]
    [InlineData("admin", true)]
    [InlineData("editor", true)]
    [InlineData("service", false)]
    [InlineData("recorder", false)]
    public void EditNotices_ByCaller_AdministratorsAndEditors_CON_1(string caller, bool allowed) =>
        Assert.Equal(allowed ? null : new Violation("CON-1", "", "notices are drafted and published by the configured notice editors"),
            ConsentPermissions.EditNotices(Caller(caller)));
}
