namespace Clspd.Cli.Demo;

/// <summary>What the seeding built: the ids the story (and scripts, through --json) need.</summary>
public sealed class World
{
    public string Tag { get; init; } = "";

    public string CouncilId { get; set; } = "";

    public string NoticeId { get; set; } = "";

    public Dictionary<string, string> GroupIds { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> InstitutionIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Participant id by member key.</summary>
    public Dictionary<string, string> ParticipantIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Token subject by member key (with the tag when there is one).</summary>
    public Dictionary<string, string> Subjects { get; } = new(StringComparer.Ordinal);

    public List<FollowedPerson> Persons { get; } = [];

    /// <summary>The one follow-up the demo starts (Yanis's), with its action and information item.</summary>
    public FollowUpIds FollowUp { get; } = new();

    public FollowedPerson Person(string surname) => Persons.Single(p => p.Young.Surname == surname);
}
