using System.ComponentModel.DataAnnotations;
using Clspd.Consent.Domain;

namespace Clspd.Consent;

/// <summary>
/// The <c>Consent</c> configuration section: who may do what when no registry decides it. Bootstrap
/// administrators (<c>Auth:BootstrapAdmins</c>) are always allowed to record and read; services
/// (<c>svc:*</c>) read what <c>ServiceCallPolicy</c> grants them and never record; when <c>Services:Registry</c> (or, for a department
/// serving several communes, <see cref="Communes"/>) is configured, participants designated in the person's group may record and read too.
/// </summary>
public sealed class ConsentOptions
{
    public const string Section = "Consent";

    /// <summary>Token subjects (e.g. the department's social workers) who may register subjects, record informings and decisions, and read.</summary>
    public List<string> Recorders { get; set; } = [];

    /// <summary>Token subjects (e.g. the council's coordinator) who may read consent states, histories and receipts.</summary>
    public List<string> Readers { get; set; } = [];

    /// <summary>Token subjects (e.g. the controller's DPO) who may draft and publish notices.</summary>
    public List<string> NoticeEditors { get; set; } = [];

    /// <summary>
    /// A state question about an instant this close to the service's clock (or later) is a question
    /// about now: every decision recorded up to the answer's revision counts, whatever the caller's clock.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan CurrentInstantTolerance { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many consent states' facts are kept between lookups while no write moves the change
    /// feed's revision (see <c>StateFactsCache</c>); 0 reads every lookup's facts from the database.
    /// </summary>
    [Range(0, 1_000_000)]
    public int StateCacheEntries { get; set; } = 10_000;

    /// <summary>
    /// The communes a department's consent serves, by short name (empty: one organisation, one
    /// <c>Services:Registry</c>, as in the local stack). Each commune's services see only the
    /// subjects of its councils; designations are asked of the registry of the subject's council.
    /// </summary>
    public Dictionary<string, CommuneOptions> Communes { get; set; } = new(StringComparer.Ordinal);

    private IReadOnlyList<Commune>? _communeList;

    /// <summary>The communes as the domain reads them (read once the section is bound).</summary>
    public IReadOnlyList<Commune> CommuneList => _communeList ??=
        [.. Communes.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new Commune(c.Key, c.Value.Organisation, c.Value.Councils, c.Value.Registry))];
}
