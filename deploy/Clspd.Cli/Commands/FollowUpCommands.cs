using System.CommandLine;
using Clspd.Cli.Output;
using Clspd.Records.V1;

namespace Clspd.Cli.Commands;

/// <summary>clspd followup: the individual follow-up of a case and its one free-text field (REC-3, REC-4).</summary>
public static class FollowUpCommands
{
    public static Command Build(ClspdCli cli) => Cmd.Group("followup",
        "Follow-ups: start one from a referral with a programme and a path referent (REC-3, REC-4); write the follow-up elements, the only free text (500 characters at most).",
        "clspd followup start 0193f2a1-… --referral 0193f2b7-… --programme individual-prevention-path --path-referent 0193f1c4-…",
        Start(cli), Elements(cli));

    private static Command Start(ClspdCli cli)
    {
        var caseId = new Argument<string>("case-id") { Description = "Case" };
        var referral = Opt.Text("--referral", "Referral the follow-up answers (gives origin and referrer), from 'clspd referral record'");
        var programme = Opt.Enum<Programme>("--programme", "Programme");
        var referent = Opt.Text("--path-referent", "Registry participant id of the path referent");
        var start = Opt.Date("--start", "Start date (default: today); the person must be 12 to 24 that day (REC-4)");
        var consentRevision = Opt.ConsentRevision();
        var requestId = Opt.RequestId();
        var command = Cmd.New("start",
            "Starts the follow-up of a case: referral, programme, path referent and start date (REC-3, REC-4). A programme action: the person — for a minor each " +
            "legal representative — must have consented to the programme enrolment (ACC-3).",
            "clspd followup start 0193f2a1-… --referral 0193f2b7-… --programme individual-prevention-path --path-referent 0193f1c4-…",
            caseId, referral, programme, referent, start, consentRevision, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.FollowUp.StartFollowUpAsync(new StartFollowUpRequest
            {
                RequestId = run.RequestId(requestId), CaseId = run.Get(caseId), ReferralId = run.Get(referral), Programme = run.Get(programme),
                PathReferentId = run.Get(referent), StartDate = run.Get(start), MinConsentRevision = run.Get(consentRevision),
            }, cancellationToken: ct);
            run.Show(reply, () => Table.Fields(run.Out,
                ("Case", run.Get(caseId)), ("Programme", Fmt.Plain(run.Get(programme))), ("Path referent", run.Get(referent)), ("Follow-up since", Fmt.Day(reply.StartDate))));
        });
        return command;
    }

    private static Command Elements(ClspdCli cli)
    {
        var caseId = new Argument<string>("case-id") { Description = "Case (with a started follow-up)" };
        var text = Opt.Text("--text", "The follow-up elements, 1 to 500 characters; replaces the previous text (REC-3)");
        var requestId = Opt.RequestId();
        var command = Cmd.New("elements", "Writes the follow-up elements, the single free-text field of a case (at most 500 characters, with author and time, REC-3).",
            "clspd followup elements 0193f2a1-… --text \"Assiduité en hausse depuis la rentrée.\"",
            caseId, text, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.FollowUp.SetFollowUpElementsAsync(new SetFollowUpElementsRequest
            {
                RequestId = run.RequestId(requestId), CaseId = run.Get(caseId), Text = run.Get(text),
            }, cancellationToken: ct);
            run.Show(reply, () => Table.Fields(run.Out, ("Case", run.Get(caseId)), ("Written by", reply.Author), ("Written at", Fmt.When(reply.WrittenAt))));
        });
        return command;
    }
}
