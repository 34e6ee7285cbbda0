using Clspd.Registry.Store;
using Clspd.Registry.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Data;
using Clspd.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Clspd.Registry.Tests.Store;

/// <summary>The registry's stores against a migrated database, run once per provider.</summary>
public abstract class RegistryStoreSuite
{
    protected static readonly ServiceIdentity Service = new("registry", typeof(CouncilStore).Assembly);

    private static readonly DateTimeOffset From = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2027, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly CouncilStore _councils = new();
    private readonly ParticipantStore _participants = new();
    private readonly DesignationStore _designations = new();
    private readonly MeetingStore _meetings = new();
    private readonly CharterStore _charters = new();

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));

    protected abstract Task<Database> CreateDatabaseAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewId() => Guid.CreateVersion7().ToString();

    private sealed record Seed(string CouncilId, string GroupId, string InstitutionId, string ParticipantId);

    private async Task<Seed> SeedAsync(Database db, InstitutionKind kind = InstitutionKind.SpecialisedPrevention, string fullName = "Camille Martin") =>
        await db.WriteAsync(async w =>
        {
            var council = new CouncilRow { Id = NewId(), Name = "CLSPD", Kind = 1, ControllerName = "Le maire", CoordinatorName = "", CreatedAt = w.Now, CreatedBy = "admin", Communes = ["94079"] };
            await _councils.InsertCouncilAsync(w, council);
            var group = new GroupRow { Id = NewId(), CouncilId = council.Id, Name = "Centre", Kind = (int)GroupKind.Territorial, CreatedAt = w.Now };
            await _councils.InsertGroupAsync(w, group);
            var institution = new InstitutionRow { Id = NewId(), Name = "Institution " + NewId(), Kind = (int)kind, Siret = "", CreatedAt = w.Now };
            await _participants.InsertInstitutionAsync(w, institution);
            var participant = new ParticipantRow
            {
                Id = NewId(), FullName = fullName, JobFunction = "Éducatrice", InstitutionId = institution.Id, Email = "c@example.org",
                CreatedAt = w.Now, Subjects = ["sub-" + NewId()],
            };
            await _participants.InsertParticipantAsync(w, participant);
            return new Seed(council.Id, group.Id, institution.Id, participant.Id);
        }, Ct);

    private static DesignationRow Designation(Seed seed, Role role = Role.GroupMember, string meetingId = "") => new()
    {
        Id = NewId(), ParticipantId = seed.ParticipantId, GroupId = seed.GroupId, CouncilId = seed.CouncilId, Role = (int)role,
        OrderNumber = "2026-114", OrderDate = new DateOnly(2026, 11, 2), OrderSignedBy = "Le maire",
        ValidFrom = From, ValidTo = To, MeetingId = meetingId, CreatedAt = From, CreatedBy = "admin",
    };

    private async Task<DesignationRow> InsertAsync(Database db, DesignationRow row)
    {
        await db.WriteAsync(async w =>
        {
            await _designations.InsertAsync(w, row);
            return 0;
        }, Ct);
        return row;
    }

    private Task<IReadOnlyList<DesignationRow>> ValidAtAsync(Database db, string participantId, DateTimeOffset at) =>
        db.ReadAsync(s => _designations.ValidForParticipantAsync(s, participantId, at), Ct);

    [Fact]
    public async Task ValidForParticipant_AtPeriodBoundaries_FromIncludedToExcluded_REG_4()
    {
        var db = await CreateDatabaseAsync();
        var seed = await SeedAsync(db);
        var row = await InsertAsync(db, Designation(seed));

        Assert.Empty(await ValidAtAsync(db, seed.ParticipantId, From.AddTicks(-10)));
        Assert.Equal(row.Id, Assert.Single(await ValidAtAsync(db, seed.ParticipantId, From)).Id);
        Assert.Single(await ValidAtAsync(db, seed.ParticipantId, To.AddTicks(-10)));
        Assert.Empty(await ValidAtAsync(db, seed.ParticipantId, To));
    }

    [Fact]
    public async Task Find_Designation_RoundTripsEveryFactWithJoins()
    {
        var db = await CreateDatabaseAsync();
        var seed = await SeedAsync(db, InstitutionKind.Police);
        var row = await InsertAsync(db, Designation(seed));

        var read = await db.ReadAsync(s => _designations.FindAsync(s, row.Id), Ct);

        Assert.NotNull(read);
        Assert.Equal(
            (row.OrderDate, row.ValidFrom, row.ValidTo, (int)InstitutionKind.Police, seed.InstitutionId, (int)GroupKind.Territorial, (DateTimeOffset?)null, (DateOnly?)null),
            (read.OrderDate, read.ValidFrom, read.ValidTo, read.InstitutionKind, read.InstitutionId, read.GroupKind, read.RevokedAt, read.MeetingDate));
    }

    [Fact]
    public async Task Revoke_AtWriteInstant_ValidBeforeNotAfterAndKeptInHistory_REG_5()
    {
        var db = await CreateDatabaseAsync();
        var seed = await SeedAsync(db);
        var row = await InsertAsync(db, Designation(seed));
        var now = Clock.GetUtcNow();

        var first = await db.WriteAsync(w => _designations.RevokeAsync(w, row.Id, "changement de poste", "admin"), Ct);
        var second = await db.WriteAsync(w => _designations.RevokeAsync(w, row.Id, "encore", "admin"), Ct);

        Assert.Equal((true, false), (first, second));
        Assert.Single(await ValidAtAsync(db, seed.ParticipantId, now.AddTicks(-10)));
        Assert.Empty(await ValidAtAsync(db, seed.ParticipantId, now));
        var history = await db.ReadAsync(s => _designations.HistoryForParticipantAsync(s, seed.ParticipantId), Ct);
        var revoked = Assert.Single(history);
        Assert.Equal((now, "changement de poste", "admin"), (revoked.RevokedAt, revoked.RevocationReason, revoked.RevokedBy));
    }

    [Fact]
    public async Task Breach_EndsOpenDesignationsIncludingUpcomingOnes_REG_5()
    {
        var db = await CreateDatabaseAsync();
        var seed = await SeedAsync(db);
        var current = await InsertAsync(db, Designation(seed));
        var upcoming = Designation(seed, Role.CoordinationTeam);
        upcoming = await InsertAsync(db, new DesignationRow
        {
            Id = upcoming.Id, ParticipantId = upcoming.ParticipantId, GroupId = upcoming.GroupId, CouncilId = upcoming.CouncilId, Role = upcoming.Role,
            OrderNumber = "2026-115", OrderDate = upcoming.OrderDate, OrderSignedBy = "Le maire", ValidFrom = To, ValidTo = To.AddYears(1), CreatedAt = From, CreatedBy = "admin",
        });
        var expired = Designation(seed, Role.PathReferent);
        await InsertAsync(db, new DesignationRow
        {
            Id = expired.Id, ParticipantId = expired.ParticipantId, GroupId = expired.GroupId, CouncilId = expired.CouncilId, Role = expired.Role, CaseRef = "case-1",
            OrderNumber = "2025-1", OrderDate = new DateOnly(2025, 1, 1), OrderSignedBy = "Le maire", ValidFrom = From.AddYears(-1), ValidTo = From, CreatedAt = From, CreatedBy = "admin",
        });

        var breachAt = await db.WriteAsync(async w =>
        {
            var breach = new BreachRow { Id = NewId(), ParticipantId = seed.ParticipantId, CouncilId = seed.CouncilId, Reason = "divulgation", RecordedAt = w.Now, RecordedBy = "admin" };
            await _designations.InsertBreachAsync(w, breach);
            foreach (var id in await _designations.OpenOfParticipantAsync(w, seed.ParticipantId, w.Now))
            {
                await _designations.RevokeAsync(w, id, "breach", "admin", breach.Id);
            }

            return w.Now;
        }, Ct);

        var history = await db.ReadAsync(s => _designations.HistoryForParticipantAsync(s, seed.ParticipantId), Ct);
        Assert.Equal(3, history.Count);
        Assert.Equal(new[] { current.Id, upcoming.Id }.Order(), history.Where(d => d.BreachId is not null).Select(d => d.Id).Order());
        Assert.Null(history.Single(d => d.Id == expired.Id).RevokedAt);
        Assert.Equal(breachAt, await db.ReadAsync(s => _designations.LastBreachAtAsync(s, seed.ParticipantId), Ct));
    }

    [Fact]
    public async Task OfficerChanges_SetTwice_HistoryInOrderAndCouncilUpdated_REG_1()
    {
        var db = await CreateDatabaseAsync();
        var seed = await SeedAsync(db);

        foreach (var (office, previous, name, revision) in new[] { (CouncilOffice.Coordinator, "", "Inès Robert", 5L), (CouncilOffice.Controller, "Le maire", "Paul Lemaire", 6L) })
        {
            await db.WriteAsync(async w =>
            {
                await _councils.SetOfficerAsync(w, new OfficerChangeRow
                {
                    Id = NewId(), CouncilId = seed.CouncilId, Office = (int)office, PreviousName = previous, NewName = name, Reason = "",
                    ChangedAt = w.Now, ChangedBy = "admin", Revision = revision,
                });
                return 0;
            }, Ct);
        }

        var council = await db.ReadAsync(s => _councils.FindCouncilAsync(s, seed.CouncilId), Ct);
        var history = await db.ReadAsync(s => _councils.OfficerChangesAsync(s, seed.CouncilId), Ct);
        Assert.Equal(("Paul Lemaire", "Inès Robert"), (council!.ControllerName, council.CoordinatorName));
        Assert.Equal([("", "Inès Robert"), ("Le maire", "Paul Lemaire")], history.Select(h => (h.PreviousName, h.NewName)));
    }

    [Fact]
    public async Task CharterState_NewVersionPublished_EarlierSignatureNoLongerCounts_REG_3()
    {
        var db = await CreateDatabaseAsync();
        var seed = await SeedAsync(db);
        var v1At = Clock.GetUtcNow();
        await PublishAsync(db, seed.CouncilId, "2026-1", revision: 10);
        await db.WriteAsync(async w =>
        {
            await _charters.InsertSignatureAsync(w, new CharterSignatureRow
            {
                Id = NewId(), CouncilId = seed.CouncilId, Version = "2026-1", InstitutionId = seed.InstitutionId, SignedOn = new DateOnly(2026, 11, 20),
                SignatoryName = "Jeanne Roux", SignatoryFunction = "Directrice", RecordedAt = w.Now, RecordedBy = "admin",
            });
            await _charters.InsertAcceptanceAsync(w, new CharterAcceptanceRow
            {
                Id = NewId(), CouncilId = seed.CouncilId, Version = "2026-1", ParticipantId = seed.ParticipantId, AccessTracedAcknowledged = true, AcceptedAt = w.Now, Subject = "s",
            });
            return 0;
        }, Ct);
        Clock.Advance(TimeSpan.FromDays(30));
        var v2At = Clock.GetUtcNow();
        await PublishAsync(db, seed.CouncilId, "2026-2", revision: 11);

        var before = await StateAsync(db, seed, v1At.AddTicks(-10));
        var underV1 = await StateAsync(db, seed, v1At);
        var underV2 = await StateAsync(db, seed, v2At);

        Assert.Null(before.Current);
        Assert.Equal(("2026-1", true), (underV1.Current?.Version, underV1.Sufficient));
        Assert.True(underV1.Acceptance!.AccessTracedAcknowledged);
        Assert.Equal(("2026-2", false, null, null), (underV2.Current?.Version, underV2.Sufficient, underV2.Signature, underV2.Acceptance));
        Assert.Equal(["2026-1", "2026-2"], (await db.ReadAsync(s => _charters.VersionsAsync(s, seed.CouncilId), Ct)).Select(v => v.Version));
    }

    [Fact]
    public async Task CharterState_TwoVersionsAtSameInstant_HigherRevisionIsCurrent_REG_3()
    {
        var db = await CreateDatabaseAsync();
        var seed = await SeedAsync(db);
        await PublishAsync(db, seed.CouncilId, "b-first", revision: 20);
        await PublishAsync(db, seed.CouncilId, "a-second", revision: 21);

        Assert.Equal("a-second", (await StateAsync(db, seed, Clock.GetUtcNow())).Current?.Version);
    }

    [Fact]
    public async Task GroupParticipantsAndAttendees_AtInstantAndMeetingDay_REG_7()
    {
        var db = await CreateDatabaseAsync();
        var seed = await SeedAsync(db);
        var meeting = new MeetingRow
        {
            Id = NewId(), GroupId = seed.GroupId, CouncilId = seed.CouncilId, MeetingDate = new DateOnly(2026, 12, 10), PlaceLabel = "Mairie", CreatedAt = From, CreatedBy = "admin",
        };
        await db.WriteAsync(async w =>
        {
            await _meetings.InsertAsync(w, meeting);
            return 0;
        }, Ct);
        var member = await InsertAsync(db, Designation(seed));
        var guestSeed = seed with { ParticipantId = (await SeedAsync(db, fullName: "Gaëlle Invitée")).ParticipantId };
        var guest = await InsertAsync(db, Designation(guestSeed, Role.OccasionalAttendee, meeting.Id));

        var now = await db.ReadAsync(s => _designations.GroupParticipantsAsync(s, seed.GroupId, From.AddDays(1)), Ct);
        var after = await db.ReadAsync(s => _designations.GroupParticipantsAsync(s, seed.GroupId, To), Ct);
        var attendees = await db.ReadAsync(s => _designations.AttendeesAsync(s, meeting), Ct);
        var read = await db.ReadAsync(s => _meetings.FindAsync(s, meeting.Id), Ct);
        var guestRead = await db.ReadAsync(s => _designations.FindAsync(s, guest.Id), Ct);

        Assert.Equal([("Camille Martin", member.Id), ("Gaëlle Invitée", guest.Id)], now.Select(p => (p.FullName, p.DesignationId)));
        Assert.StartsWith("Institution ", now[0].InstitutionName, StringComparison.Ordinal);
        Assert.Empty(after);
        Assert.Equal(2, attendees.Count);
        Assert.Equal(meeting.MeetingDate, read!.MeetingDate);
        Assert.Equal(meeting.MeetingDate, guestRead!.MeetingDate);
    }

    private Task<int> PublishAsync(Database db, string councilId, string version, long revision) =>
        db.WriteAsync(async w =>
        {
            await _charters.InsertVersionAsync(w, new CharterVersionRow
            {
                CouncilId = councilId, Version = version, CharterDate = new DateOnly(2026, 11, 1), TextSha256 = new string('a', 64),
                PublishedAt = w.Now, PublishedBy = "admin", Revision = revision,
            });
            return 0;
        }, Ct);

    private Task<CharterState> StateAsync(Database db, Seed seed, DateTimeOffset at) =>
        db.ReadAsync(s => _charters.StateAsync(s, seed.CouncilId, seed.InstitutionId, seed.ParticipantId, at), Ct);
}

public sealed class RegistryStoreSqliteTests : RegistryStoreSuite
{
    protected override Task<Database> CreateDatabaseAsync() => Task.FromResult(TestDatabases.Sqlite(Service, Clock));
}

public sealed class RegistryStoreSqlServerTests : RegistryStoreSuite
{
    protected override Task<Database> CreateDatabaseAsync()
    {
        Assert.SkipUnless(SqlServerProbe.IsAvailable, SqlServerProbe.SkipReason);
        return TestDatabases.SqlServerAsync(Service, Clock);
    }
}

public sealed class RegistryStorePostgresTests : RegistryStoreSuite
{
    protected override Task<Database> CreateDatabaseAsync()
    {
        Assert.SkipUnless(PostgresServer.IsAvailable, PostgresServer.SkipReason);
        return Task.FromResult(TestDatabases.Postgres(Service, Clock));
    }
}
