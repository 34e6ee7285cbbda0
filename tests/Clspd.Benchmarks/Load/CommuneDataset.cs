extern alias registry;
extern alias consent;
extern alias records;
using System.Diagnostics;
using System.Globalization;
using Clspd.Access.V1;
using Clspd.Registry.V1;
using Clspd.ServiceDefaults.Data;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using consent::Clspd.Consent.Api;
using registry::Clspd.Registry.Api;
using StoreSession = Clspd.ServiceDefaults.Data.StoreSession;
using ConsentStores = consent::Clspd.Consent.Store;
using RecordsStores = records::Clspd.Records.Store;
using RegistryStores = registry::Clspd.Registry.Store;
using RegistryDomain = registry::Clspd.Registry.Domain;
using ConsentDomain = consent::Clspd.Consent.Domain;
using Purpose = Clspd.Consent.V1.Purpose;
using Decision = Clspd.Consent.V1.Decision;
using DeciderRole = Clspd.Consent.V1.DeciderRole;

namespace Clspd.Benchmarks.Load;

/// <summary>
/// The dataset generator of issue #8: a commune at scale written through the services' own
/// stores (registry, consent, records, then the audit trail through <see cref="AuditDataset"/>),
/// each part timed. Scale 1 is 5,000 participants, 200 groups, 100,000 persons (each with a
/// sealed identity and one open case), 1,000,000 consent records (per person one informing and
/// nine decisions) and 1,000,000 audit entries.
/// </summary>
public static class CommuneDataset
{
    /// <summary>Rows per transaction: large enough that commits do not dominate, small enough to keep each one short.</summary>
    public const int RowsPerTransaction = 1_000;

    /// <summary>The counts at a scale (every count at least 1).</summary>
    public sealed record Counts(int Participants, int Groups, int Institutions, int Persons, int AuditEntries)
    {
        public const int ConsentRecordsPerPerson = 10;

        public long ConsentRecords => (long)Persons * ConsentRecordsPerPerson;

        public static Counts At(double scale) => new(Of(5_000, scale), Of(200, scale), Of(40, scale), Of(100_000, scale), Of(1_000_000, scale));

        private static int Of(int full, double scale) => Math.Max(1, (int)Math.Round(full * scale, MidpointRounding.AwayFromZero));
    }

    /// <summary>One part of the dataset: rows written and the time it took.</summary>
    public sealed record Part(string Name, long Rows, TimeSpan Elapsed)
    {
        public double PerSecond => Rows / Math.Max(Elapsed.TotalSeconds, 1e-9);

        public string ToLine() => string.Create(CultureInfo.InvariantCulture, $"| {Name} | {Rows:N0} | {Elapsed.TotalSeconds:F1} s | {PerSecond:N0}/s |");
    }

    public const string Creator = "dataset";

    /// <summary>The version of the council's charter, signed by every institution and accepted by every participant (REG-3).</summary>
    public const string CharterVersion = "2026-1";

    public static async Task<IReadOnlyList<Part>> RunAsync(double scale, StoreTarget target, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(output);
        if (scale is <= 0 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "must be above 0 and at most 10");
        }

        var counts = Counts.At(scale);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scale {scale}: {counts.Participants:N0} participants, {counts.Groups:N0} groups, {counts.Institutions:N0} institutions, {counts.Persons:N0} persons and cases, {counts.ConsentRecords:N0} consent records, {counts.AuditEntries:N0} audit entries ({target.Provider}, {(target.Provider == DatabaseProvider.Sqlite ? Path.GetFullPath(target.DataDirectory) : "per-service databases")})"));
        output.WriteLine("| part | rows | time | rows/s |");
        output.WriteLine("|---|---:|---:|---:|");
        var parts = new List<Part>();
        void Done(Part part)
        {
            parts.Add(part);
            output.WriteLine(part.ToLine());
        }

        var (councilId, groups) = await RegistryAsync(counts, target, Done, ct);
        await ConsentAsync(counts, groups, councilId, target, Done, ct);
        Done(await RecordsAsync(counts, groups, councilId, target, ct));

        if (target.Provider == DatabaseProvider.Sqlite)
        {
            var audit = await AuditDataset.RunAsync(counts.AuditEntries, target.DataDirectory, TextWriter.Null, ct, batch: 256);
            Done(new Part("audit entries (batches of 256, then verified)", counts.AuditEntries, TimeSpan.FromSeconds(counts.AuditEntries / audit.WrittenPerSecond)));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"audit chain of {counts.AuditEntries:N0} entries verified from the database in {audit.VerifySeconds:F2} s"));
        }
        else
        {
            output.WriteLine("audit entries: written by 'dataset --audit-entries' on SQLite only (the audit part takes a data directory)");
        }

        return parts;
    }

    private static async Task<(string CouncilId, IReadOnlyList<string> Groups)> RegistryAsync(Counts counts, StoreTarget target, Action<Part> done, CancellationToken ct)
    {
        var database = target.Open("registry", typeof(RegistryStores.CouncilStore).Assembly);
        var councils = new RegistryStores.CouncilStore();
        var participants = new RegistryStores.ParticipantStore();
        var designations = new RegistryStores.DesignationStore();
        var councilId = Guid.CreateVersion7().ToString();
        var groups = Enumerable.Range(0, counts.Groups).Select(_ => Guid.CreateVersion7().ToString()).ToList();
        var institutions = Enumerable.Range(0, counts.Institutions).Select(_ => Guid.CreateVersion7().ToString()).ToList();
        var participantIds = Enumerable.Range(0, counts.Participants).Select(_ => Guid.CreateVersion7().ToString()).ToList();

        var charters = new RegistryStores.CharterStore();
        var clock = Stopwatch.StartNew();
        await database.WriteAsync(async w =>
        {
            var council = new RegistryStores.CouncilRow
            {
                Id = councilId, Name = "CLSPD de Villeneuve (dataset)", Kind = (int)CouncilKind.Clspd, ControllerName = "Le maire",
                CoordinatorName = "La coordinatrice", CreatedAt = w.Now, CreatedBy = Creator, Communes = ["75056"],
            };
            await councils.InsertCouncilAsync(w, council);
            await w.AppendChangeAsync(RegistryDomain.ChangeKinds.Council, council.Id, council.ToProto());
            for (var g = 0; g < groups.Count; g++)
            {
                var group = new RegistryStores.GroupRow
                {
                    Id = groups[g], CouncilId = councilId, Name = string.Create(CultureInfo.InvariantCulture, $"Groupe {g + 1}"),
                    Kind = (int)(g % 2 == 0 ? GroupKind.Operational : GroupKind.Territorial), CreatedAt = w.Now,
                };
                await councils.InsertGroupAsync(w, group);
                await w.AppendChangeAsync(RegistryDomain.ChangeKinds.Group, group.Id, group.ToProto());
            }

            for (var i = 0; i < institutions.Count; i++)
            {
                var institution = new RegistryStores.InstitutionRow
                {
                    Id = institutions[i], Name = string.Create(CultureInfo.InvariantCulture, $"Institution {i + 1}"),
                    Kind = 1 + (i % 3), Siret = string.Create(CultureInfo.InvariantCulture, $"{i + 1:D14}"), CreatedAt = w.Now,
                };
                await participants.InsertInstitutionAsync(w, institution);
                await w.AppendChangeAsync(RegistryDomain.ChangeKinds.Institution, institution.Id, institution.ToProto());
            }

            // REG-3: the council's charter, signed by every institution; each participant accepts it below.
            var charter = new RegistryStores.CharterVersionRow
            {
                CouncilId = councilId, Version = CharterVersion, CharterDate = DateOnly.FromDateTime(w.Now.UtcDateTime.AddDays(-60)),
                TextSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("Charte déontologique du CLSPD (dataset)"u8)),
                PublishedAt = w.Now.AddDays(-60), PublishedBy = Creator,
            };
            charter.Revision = await w.AppendChangeAsync(RegistryDomain.ChangeKinds.CharterVersion, charter.CouncilId + "/" + charter.Version, charter.ToProto());
            await charters.InsertVersionAsync(w, charter);
            foreach (var institution in institutions)
            {
                var signature = new RegistryStores.CharterSignatureRow
                {
                    Id = Guid.CreateVersion7().ToString(), CouncilId = councilId, Version = CharterVersion, InstitutionId = institution,
                    SignedOn = charter.CharterDate, SignatoryName = "La directrice", SignatoryFunction = "Directrice", RecordedAt = w.Now.AddDays(-59), RecordedBy = Creator,
                };
                await charters.InsertSignatureAsync(w, signature);
                await w.AppendChangeAsync(RegistryDomain.ChangeKinds.CharterSignature, signature.Id, signature.ToProto());
            }

            return 0;
        }, ct);
        done(new Part("council, groups, institutions (charter signed)", 1 + counts.Groups + counts.Institutions, clock.Elapsed));

        clock.Restart();
        await InBatchesAsync(database, counts.Participants, async (w, i) =>
        {
            var participant = new RegistryStores.ParticipantRow
            {
                Id = participantIds[i], FullName = string.Create(CultureInfo.InvariantCulture, $"Participant {i + 1}"), JobFunction = "Éducatrice",
                InstitutionId = institutions[i % institutions.Count], Email = string.Create(CultureInfo.InvariantCulture, $"p{i + 1}@example.org"),
                CreatedAt = w.Now, Subjects = [SubjectOf(i)],
            };
            await participants.InsertParticipantAsync(w, participant);
            await w.AppendChangeAsync(RegistryDomain.ChangeKinds.Participant, participant.Id, participant.ToProto());
            var acceptance = new RegistryStores.CharterAcceptanceRow
            {
                Id = Guid.CreateVersion7().ToString(), CouncilId = councilId, Version = CharterVersion, ParticipantId = participant.Id,
                AccessTracedAcknowledged = true, AcceptedAt = w.Now.AddDays(-40), Subject = SubjectOf(i),
            };
            await charters.InsertAcceptanceAsync(w, acceptance);
            await w.AppendChangeAsync(RegistryDomain.ChangeKinds.CharterAcceptance, acceptance.Id, acceptance.ToProto());
        }, ct);
        done(new Part("participants (with their login subject and charter acceptance)", counts.Participants, clock.Elapsed));

        clock.Restart();
        await InBatchesAsync(database, counts.Participants, async (w, i) =>
        {
            var id = Guid.CreateVersion7().ToString();
            await designations.InsertAsync(w, new RegistryStores.DesignationRow
            {
                Id = id, ParticipantId = participantIds[i], GroupId = groups[i % groups.Count], CouncilId = councilId,
                Role = (int)(i % 50 == 0 ? Role.Coordinator : Role.GroupMember), OrderNumber = string.Create(CultureInfo.InvariantCulture, $"A-{i + 1}"),
                OrderDate = DateOnly.FromDateTime(w.Now.UtcDateTime.AddDays(-30)), OrderSignedBy = "Le maire",
                ValidFrom = w.Now.AddDays(-30), ValidTo = w.Now.AddYears(1), CreatedAt = w.Now, CreatedBy = Creator,
            });
            // As the registry publishes a designation: the row as stored, with its council's charter facts (REG-3).
            var row = await designations.FindAsync(w, id) ?? throw new InvalidOperationException($"designation {id} not found after its insert");
            var charter = await charters.StateAsync(w, councilId, row.InstitutionId, row.ParticipantId, w.Now);
            await w.AppendChangeAsync(RegistryDomain.ChangeKinds.Designation, id, row.ToProto(charter));
        }, ct);
        done(new Part("designations by the mayor", counts.Participants, clock.Elapsed));
        return (councilId, groups);
    }

    /// <summary>The consent part alone: subjects, informings and decisions of <paramref name="counts"/>'s persons, in <paramref name="groups"/> in turn.</summary>
    public static async Task ConsentAsync(Counts counts, IReadOnlyList<string> groups, string councilId, StoreTarget target, Action<Part> done, CancellationToken ct)
    {
        var database = target.Open("consent", typeof(ConsentStores.ConsentStore).Assembly);
        var subjects = new ConsentStores.SubjectStore();
        var consents = new ConsentStores.ConsentStore();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var clock = Stopwatch.StartNew();
        await InBatchesAsync(database, counts.Persons, async (w, i) =>
        {
            // As PutSubject does: the change first (it gives the row its revision), then the row.
            ConsentStores.SubjectRow Row(long revision) => new()
            {
                SubjectRef = PersonRef(i), MinorUntil = today.AddYears(18 - AgeOf(i)).AddDays(-i % 365), UpdatedBy = "svc:records", UpdatedAt = w.Now,
                Revision = revision, Groups = [groups[i % groups.Count]], CouncilId = councilId,
            };
            var revision = await w.AppendChangeAsync("subject", PersonRef(i), Row(0).ToProto());
            await subjects.PutAsync(w, Row(revision));
        }, ct);
        done(new Part("consent subjects", counts.Persons, clock.Elapsed));

        clock.Restart();
        await InBatchesAsync(database, counts.Persons, async (w, i) =>
        {
            var subject = PersonRef(i);
            var group = groups[i % groups.Count];
            var informingId = Guid.CreateVersion7().ToString();
            ConsentStores.InformingRow Informing(long revision) => new()
            {
                Id = informingId, SubjectRef = subject, PartyRef = subject, InformedAt = w.Now.AddDays(-20), InformedBy = SubjectOf(i % counts.Participants),
                Channel = 1, NoticeVersion = "1", RecordedAt = w.Now, Revision = revision,
            };
            await consents.InsertInformingAsync(w, Informing(await w.AppendChangeAsync("informing", informingId, Informing(0).ToProto())));
            // Nine decisions: for each purpose, given, refused, then given again ("latest wins"), each with its content hash.
            for (var purpose = 1; purpose <= 3; purpose++)
            {
                var groupKey = ConsentDomain.ConsentRules.GroupKeyFor((Purpose)purpose, group);
                for (var step = 0; step < 3; step++)
                {
                    var id = Guid.CreateVersion7().ToString();
                    var decision = step == 1 ? Decision.Refused : Decision.Given;
                    var decidedAt = w.Now.AddDays(step - 10);
                    ConsentStores.DecisionRow Row(long revision) => new()
                    {
                        Id = id, SubjectRef = subject, Purpose = purpose, GroupId = groupKey, Decision = (int)decision,
                        DecidedByRef = subject, Evidence = "signed form", NoticeVersion = "1", DecidedAt = decidedAt, RecordedBy = SubjectOf(i % counts.Participants),
                        ContentSha256 = ConsentDomain.ConsentRules.ContentHash(id, subject, (Purpose)purpose, groupKey, decision, subject, "signed form", "1", decidedAt),
                        DeciderRole = (int)DeciderRole.Subject, Revision = revision,
                    };
                    var revision = await w.AppendChangeAsync("decision", id, Row(0).ToProto());
                    await consents.InsertDecisionAsync(w, Row(revision));
                }
            }
        }, ct);
        done(new Part("consent records (informings and decisions)", counts.ConsentRecords, clock.Elapsed));
    }

    private static async Task<Part> RecordsAsync(Counts counts, IReadOnlyList<string> groups, string councilId, StoreTarget target, CancellationToken ct)
    {
        var database = target.Open("records", typeof(RecordsStores.CaseStore).Assembly);
        var persons = RecordsPersons(target);
        var cases = new RecordsStores.CaseStore();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var clock = Stopwatch.StartNew();
        await InBatchesAsync(database, counts.Persons, async (w, i) =>
        {
            var birth = today.AddYears(-AgeOf(i)).AddDays(-i % 365);
            await persons.InsertAsync(w, PersonRef(i), councilId, records::Clspd.Records.Domain.PersonRules.TwentyFifthBirthday(birth), IdentityOf(i, birth), Creator);
            await w.AppendChangeAsync("person", PersonRef(i), new Clspd.Records.V1.CreatePersonResponse { SubjectRef = PersonRef(i) });
            var row = new RecordsStores.CaseRow
            {
                Id = Guid.CreateVersion7().ToString(), CaseCode = await NewCaseCodeAsync(cases, w), SubjectRef = PersonRef(i), CouncilId = councilId,
                GroupId = groups[i % groups.Count], StartDate = today.AddDays(-(i % 700)), CreatedAt = w.Now, CreatedBy = Creator,
                BodyKind = (long)BodyKind.ClspdGroup,
            };
            await cases.InsertAsync(w, row);
            await w.AppendChangeAsync("case", row.Id, new Clspd.Records.V1.Case { Id = row.Id, CouncilId = row.CouncilId, GroupId = row.GroupId });
        }, ct);
        return new Part("persons (sealed identity) with one case", counts.Persons, clock.Elapsed);
    }

    /// <summary>
    /// Writes <paramref name="cases"/> persons, each with one case closed long enough ago that it
    /// is due for destruction (REC-7), into the records database: what the purge measurement purges.
    /// </summary>
    public static async Task<TimeSpan> DueCasesAsync(int cases, StoreTarget target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        var database = target.Open("records", typeof(RecordsStores.CaseStore).Assembly);
        var persons = RecordsPersons(target);
        var store = new RecordsStores.CaseStore();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var councilId = Guid.CreateVersion7().ToString();
        var groupId = Guid.CreateVersion7().ToString();
        var clock = Stopwatch.StartNew();
        await InBatchesAsync(database, cases, async (w, i) =>
        {
            var birth = today.AddYears(-AgeOf(i)).AddDays(-i % 365);
            var subject = PersonRef(i);
            var id = Guid.CreateVersion7().ToString();
            await persons.InsertAsync(w, subject, councilId, records::Clspd.Records.Domain.PersonRules.TwentyFifthBirthday(birth), IdentityOf(i, birth), Creator);
            await store.InsertAsync(w, new RecordsStores.CaseRow
            {
                Id = id, CaseCode = await NewCaseCodeAsync(store, w), SubjectRef = subject, CouncilId = councilId, GroupId = groupId,
                StartDate = today.AddYears(-2), CreatedAt = w.Now.AddYears(-2), CreatedBy = Creator, BodyKind = (long)BodyKind.ClspdGroup,
            });
            // Ended a year ago, kept three months (REC-7): due for nine months.
            var ended = today.AddYears(-1).AddDays(-(i % 30));
            if (!await store.CloseAsync(w, id, ended, ended.AddMonths(3), Creator))
            {
                throw new InvalidOperationException("a case just opened could not be closed");
            }
        }, ct);
        return clock.Elapsed;
    }

    private static RecordsStores.PersonStore RecordsPersons(StoreTarget target)
    {
        // The master key file the records service itself loads from its data directory (created if missing, as the local stack does).
        var master = new RecordsStores.MasterKey(
            Options.Create(new records::Clspd.Records.RecordsOptions { CreateMasterKeyIfMissing = true }), Options.Create(target.OptionsFor("records")));
        return new RecordsStores.PersonStore(master);
    }

    private static async Task<string> NewCaseCodeAsync(RecordsStores.CaseStore cases, StoreSession w)
    {
        // As OpenCase does: draw again while the code is taken.
        var code = records::Clspd.Records.Domain.PersonRules.NewCaseCode();
        while (await cases.CodeTakenAsync(w, code))
        {
            code = records::Clspd.Records.Domain.PersonRules.NewCaseCode();
        }

        return code;
    }

    private static async Task InBatchesAsync(Database database, int rows, Func<StoreSession, int, Task> write, CancellationToken ct)
    {
        for (var start = 0; start < rows; start += RowsPerTransaction)
        {
            var end = Math.Min(rows, start + RowsPerTransaction);
            await database.WriteAsync(async w =>
            {
                for (var i = start; i < end; i++)
                {
                    await write(w, i);
                }

                return 0;
            }, ct);
        }
    }

    /// <summary>The token subject of participant <paramref name="i"/>.</summary>
    public static string SubjectOf(int i) => string.Create(CultureInfo.InvariantCulture, $"dataset-participant-{i + 1}");

    /// <summary>The subject reference of person <paramref name="i"/>, as records derives one for a creation request.</summary>
    public static string PersonRef(int i) =>
        records::Clspd.Records.Domain.PersonRules.SubjectRefFor(Creator, string.Create(CultureInfo.InvariantCulture, $"person-{i}"));

    /// <summary>The age of person <paramref name="i"/>: 12 to 24, the follow-up ages.</summary>
    public static int AgeOf(int i) => 12 + (i % 13);

    private static byte[] IdentityOf(int i, DateOnly birth) => new Clspd.Records.V1.PersonFile
    {
        Surname = string.Create(CultureInfo.InvariantCulture, $"Nom{i}"), FirstNames = "Camille", Sex = Clspd.Records.V1.Sex.Female,
        BirthDate = new Google.Type.Date { Year = birth.Year, Month = birth.Month, Day = birth.Day },
    }.ToByteArray();
}
