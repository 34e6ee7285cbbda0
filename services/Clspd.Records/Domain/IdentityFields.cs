using Clspd.Rules;

namespace Clspd.Records.Domain;

/// <summary>REC-1, REC-10: the identity fields of a person, the only ones a rectification may name.</summary>
public static class IdentityFields
{
    public static readonly IReadOnlyList<string> Names = ["surname", "first_names", "sex", "birth_date", "address", "phone", "email"];

    /// <summary>REC-1: a rectification names identity fields only (an invalid <c>fields</c>).</summary>
    public static Violation? Known(IEnumerable<string> names) =>
        names.All(Names.Contains)
            ? null
            : new Violation("REC-1", "fields", "only surname, first_names, sex, birth_date, address, phone and email are identity fields");
}
