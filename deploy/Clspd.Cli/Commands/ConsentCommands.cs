using System.CommandLine;
using System.Globalization;
using Clspd.Cli.Output;
using Clspd.Consent.V1;

namespace Clspd.Cli.Commands;

/// <summary>clspd consent: informing (CON-2), decisions per purpose (CON-3), withdrawal (CON-4), history and receipts (CON-5).</summary>
public static class ConsentCommands
{
    public static Command Build(ClspdCli cli) => Cmd.Group("consent",
        "Informing of the person and their representatives (CON-2), consent decisions per purpose (CON-3), withdrawal (CON-4), history and receipts (CON-5).",
        "clspd consent state S-0193… --purpose named-discussion --group 0193f2a1-…",
        Inform(cli), Decide(cli), Withdraw(cli), State(cli), History(cli), Receipt(cli), VerifyReceipt(cli));

    private static Command Inform(ClspdCli cli)
    {
        var subject = new Argument<string>("subject-ref") { Description = "Subject reference" };
        var party = Opt.Optional("--party", "Who was informed: a legal representative's reference (default: the person)");
        var channel = Opt.Enum<Channel>("--channel", "How");
        var notice = Opt.Text("--notice", "Id of the published notice given");
        var at = Opt.Instant("--at", "When (default: now; never in the future, nor before the notice was published)");
        var requestId = Opt.RequestId();
        var command = Cmd.New("inform", "Records that the person (or a legal representative) was informed with a published notice (CON-2).",
            "clspd consent inform S-0193… --channel in-person --notice 0193f2a1-…", subject, party, channel, notice, at, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Consent.RecordInformingAsync(new RecordInformingRequest
            {
                RequestId = run.RequestId(requestId), SubjectRef = run.Get(subject), PartyRef = run.Get(party) ?? "",
                Channel = run.Get(channel), NoticeVersion = run.Get(notice), InformedAt = run.Get(at),
            }, cancellationToken: ct);
            run.Show(reply, () => Table.Fields(run.Out,
                ("Informing", reply.Informing.Id), ("Person", reply.Informing.SubjectRef), ("Informed party", reply.Informing.PartyRef),
                ("When", Fmt.When(reply.Informing.InformedAt)), ("By", reply.Informing.InformedBy), ("Channel", Fmt.Plain(reply.Informing.Channel)),
                ("Notice", reply.Informing.NoticeVersion), ("Revision", reply.Revision.ToString(CultureInfo.InvariantCulture))));
        });
        return command;
    }

    private static Command Decide(ClspdCli cli)
    {
        var subject = new Argument<string>("subject-ref") { Description = "Subject reference" };
        var purpose = Opt.Enum<Purpose>("--purpose", "Purpose");
        var group = Opt.Optional("--group", "Group (required for a named discussion)");
        var decision = Opt.Enum<Decision>("--decision", "Given or refused");
        var by = Opt.Optional("--by", "Who decided: a legal representative's reference (default: the person)");
        var evidence = Opt.Text("--evidence", "Signed form reference or witness");
        var notice = Opt.Text("--notice", "Id of the published notice the decider was informed with");
        var requestId = Opt.RequestId();
        var command = Cmd.New("decide", "Records a consent decision for one purpose and prints its receipt (CON-3, CON-5). A refusal binds (CON-4).",
            "clspd consent decide S-0193… --purpose named-discussion --group 0193f2a1-… --decision given --evidence \"Formulaire F-2026-118\" --notice 0193f2a1-…",
            subject, purpose, group, decision, by, evidence, notice, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Consent.RecordDecisionAsync(new RecordDecisionRequest
            {
                RequestId = run.RequestId(requestId), SubjectRef = run.Get(subject), Purpose = run.Get(purpose), GroupId = run.Get(group) ?? "",
                Decision = run.Get(decision), DecidedByRef = run.Get(by) ?? "", Evidence = run.Get(evidence), NoticeVersion = run.Get(notice),
            }, cancellationToken: ct);
            run.Show(reply, () => Views.Receipt(run.Out, reply.Receipt, reply.Revision));
        });
        return command;
    }

    private static Command Withdraw(ClspdCli cli)
    {
        var subject = new Argument<string>("subject-ref") { Description = "Subject reference" };
        var purpose = Opt.Enum<Purpose>("--purpose", "Purpose");
        var group = Opt.Optional("--group", "Group (required for a named discussion)");
        var by = Opt.Optional("--by", "Who withdraws (default: the person)");
        var evidence = Opt.Text("--evidence", "Signed form reference or witness");
        var requestId = Opt.RequestId();
        var command = Cmd.New("withdraw",
            "Withdraws a consent; effective for every access check presenting the revision printed here (CON-4).",
            "clspd consent withdraw S-0193… --purpose named-discussion --group 0193f2a1-… --evidence \"Courrier du 2 décembre 2026\"",
            subject, purpose, group, by, evidence, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Consent.WithdrawConsentAsync(new WithdrawConsentRequest
            {
                RequestId = run.RequestId(requestId), SubjectRef = run.Get(subject), Purpose = run.Get(purpose), GroupId = run.Get(group) ?? "",
                DecidedByRef = run.Get(by) ?? "", Evidence = run.Get(evidence),
            }, cancellationToken: ct);
            run.Show(reply, () => Views.Receipt(run.Out, reply.Receipt, reply.Revision));
        });
        return command;
    }

    private static Command State(ClspdCli cli)
    {
        var subject = new Argument<string>("subject-ref") { Description = "Subject reference" };
        var purpose = Opt.Enum<Purpose>("--purpose", "Purpose");
        var group = Opt.Optional("--group", "Group (for a named discussion)");
        var at = Opt.Instant("--at", "Instant (default: now)");
        var meeting = Opt.Instant("--meeting-at", "Meeting the situation would be discussed at (CON-2: informed before it?)");
        var command = Cmd.New("state", "Tells whether the person's situation may be processed for a purpose now, and why (CON-2, CON-4).",
            "clspd consent state S-0193… --purpose named-discussion --group 0193f2a1-… --meeting-at \"03/12/2026 14:00\"", subject, purpose, group, at, meeting);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Consent.GetConsentStateAsync(new GetConsentStateRequest
            {
                SubjectRef = run.Get(subject), Purpose = run.Get(purpose), GroupId = run.Get(group) ?? "", At = run.Get(at), MeetingAt = run.Get(meeting),
            }, cancellationToken: ct);
            run.Show(reply, () =>
            {
                Table.Fields(run.Out,
                    ("State", Fmt.Plain(reply.State)), ("Informed", Fmt.YesNo(reply.Informed)), ("Minor", Fmt.YesNo(reply.Minor)),
                    ("Registered", Fmt.YesNo(reply.SubjectKnown)),
                    ("Named discussion at the meeting", run.Get(meeting) is null ? "" : Fmt.YesNo(reply.NamedDiscussionPossible)),
                    ("Missing decisions", string.Join(", ", reply.MissingDeciderRefs)), ("Not informed", string.Join(", ", reply.UninformedPartyRefs)),
                    ("Revision", reply.Revision.ToString(CultureInfo.InvariantCulture)));
                foreach (var reason in reply.Reasons)
                {
                    run.Out.WriteLine($"  - {reason}");
                }
            });
        });
        return command;
    }

    private static Command History(ClspdCli cli)
    {
        var subject = new Argument<string>("subject-ref") { Description = "Subject reference" };
        var after = new Option<long>("--after") { Description = "Only entries after this revision (paging)" };
        var limit = new Option<int>("--limit") { Description = "At most this many entries (1..500)", DefaultValueFactory = _ => 100 };
        var command = Cmd.New("history", "The append-only history of a person: every informing and decision, in order (CON-5).",
            "clspd consent history S-0193…", subject, after, limit);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Consent.ListHistoryAsync(new ListHistoryRequest
            {
                SubjectRef = run.Get(subject), AfterRevision = run.Get(after), PageSize = run.Get(limit),
            }, cancellationToken: ct);
            run.Show(reply, () =>
            {
                var table = new Table("Revision", "When", "What", "Party", "Purpose", "Group", "By", "Notice");
                foreach (var e in reply.Entries)
                {
                    if (e.Informing is { } i)
                    {
                        table.Add(e.Revision.ToString(CultureInfo.InvariantCulture), Fmt.When(i.InformedAt), $"informed ({Fmt.Plain(i.Channel)})", i.PartyRef, "", "", i.InformedBy, i.NoticeVersion);
                    }
                    else if (e.Decision is { } d)
                    {
                        table.Add(e.Revision.ToString(CultureInfo.InvariantCulture), Fmt.When(d.DecidedAt), $"{Fmt.Plain(d.Decision)} ({Fmt.Plain(d.DeciderRole)})",
                            d.DecidedByRef, Fmt.Plain(d.Purpose), d.GroupId, d.RecordedBy, d.NoticeVersion);
                    }
                }

                table.WriteTo(run.Out, "(nothing recorded)");
                if (reply.NextAfterRevision > 0)
                {
                    run.Out.WriteLine($"More: --after {reply.NextAfterRevision}");
                }
            });
        });
        return command;
    }

    private static Command Receipt(ClspdCli cli)
    {
        var id = new Argument<string>("receipt-id") { Description = "Receipt id (the decision id)" };
        var command = Cmd.New("receipt", "Shows the receipt of a decision or withdrawal, to hand to the person (CON-5).", "clspd consent receipt 0193f2a1-…", id);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Consent.GetReceiptAsync(new GetReceiptRequest { ReceiptId = run.Get(id) }, cancellationToken: ct);
            run.Show(reply, () => Views.Receipt(run.Out, reply.Receipt, reply.Receipt.Revision));
        });
        return command;
    }

    private static Command VerifyReceipt(ClspdCli cli)
    {
        var id = new Argument<string>("receipt-id") { Description = "Receipt id (the decision id)" };
        var sha = Opt.Optional("--sha256", "The hash printed on the receipt the person holds");
        var command = Cmd.New("verify-receipt", "Recomputes a receipt's hash and compares it with the stored one and, if given, the person's copy (CON-5). Exit code 6 when it does not match.",
            "clspd consent verify-receipt 0193f2a1-… --sha256 9f2c…", id, sha);
        cli.Runs(command, async (run, ct) =>
        {
            var given = run.Get(sha);
            var reply = await run.Api.Consent.VerifyReceiptAsync(new VerifyReceiptRequest { ReceiptId = run.Get(id), ContentSha256 = given ?? "" }, cancellationToken: ct);
            var ok = reply.Intact && (given is null || reply.Matches);
            run.ExitCode = ok ? ExitCodes.Ok : ExitCodes.Rule;
            run.Show(reply, () => Table.Fields(run.Out,
                ("Stored decision intact", Fmt.YesNo(reply.Intact)),
                ("Person's copy matches", given is null ? "(no hash given)" : Fmt.YesNo(reply.Matches)),
                ("Recomputed SHA-256", reply.RecomputedSha256)));
        });
        return command;
    }
}
