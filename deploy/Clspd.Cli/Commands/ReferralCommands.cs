using System.CommandLine;
using Clspd.Cli.Output;
using Clspd.Records.V1;

namespace Clspd.Cli.Commands;

/// <summary>clspd referral: how a situation came to the council, in closed codes only (REC-2).</summary>
public static class ReferralCommands
{
    public static Command Build(ClspdCli cli) => Cmd.Group("referral",
        "Referrals: who referred a situation and why, from closed lists — no free text (REC-2).",
        "clspd referral record 0193f2a1-… --origin national-education --reason school-absenteeism",
        Record(cli));

    private static Command Record(ClspdCli cli)
    {
        var caseId = new Argument<string>("case-id") { Description = "Case referred" };
        var origin = Opt.Enum<ReferralOrigin>("--origin", "Who referred the situation");
        var reasons = Opt.Enums<ReferralReason>("--reason", "Why (1 to 5 distinct codes; repeat the option); a social-action professional's referral carries only need-for-coordination (REC-2)");
        var on = Opt.Date("--on", "Date of the referral (default: today)");
        var requestId = Opt.RequestId();
        var command = Cmd.New("record", "Records the referral of a case: origin and reasons from closed lists (REC-2); prints the referral id a follow-up starts from.",
            "clspd referral record 0193f2a1-… --origin social-landlord --reason antisocial-behaviour --reason risk-behaviour-in-public-space",
            caseId, origin, reasons, on, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.FollowUp.RecordReferralAsync(new RecordReferralRequest
            {
                RequestId = run.RequestId(requestId), CaseId = run.Get(caseId), Origin = run.Get(origin), Reasons = { run.Get(reasons) }, ReferredOn = run.Get(on),
            }, cancellationToken: ct);
            run.Show(reply, () => Table.Fields(run.Out,
                ("Referral", reply.ReferralId), ("Origin", Fmt.Plain(run.Get(origin))), ("Reasons", string.Join(", ", run.Get(reasons).Select(Fmt.Plain)))));
        });
        return command;
    }
}
