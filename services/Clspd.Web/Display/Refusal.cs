using System.Text.RegularExpressions;
using Google.Rpc;
using Grpc.Core;

namespace Clspd.Web.Display;

/// <summary>
/// A service's refusal as a person reads it: a plain French sentence with the rule ids and the
/// service's message ("Refusé (ACC-2) : …"), the HTTP status of the page that shows it, and each
/// field at fault. Never a stack trace.
/// </summary>
public sealed partial record Refusal(int HttpStatus, string Title, string Sentence, IReadOnlyList<string> RuleIds, IReadOnlyList<string> Details)
{
    public static Refusal From(RpcException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var status = ex.GetRpcStatus();
        var message = status?.Message ?? ex.Status.Detail;
        var preconditions = status?.GetDetail<PreconditionFailure>()?.Violations.ToList() ?? [];
        var rules = preconditions.Select(v => v.Type).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (rules.Count == 0 && status?.GetDetail<ErrorInfo>() is { } info && info.Metadata.TryGetValue("rule_id", out var rule) && rule.Length > 0)
        {
            rules.Add(rule);
        }

        if (rules.Count == 0 && LeadingRule().Match(message ?? string.Empty) is { Success: true } match)
        {
            rules.Add(match.Groups[1].Value);
        }

        var details = new List<string>();
        foreach (var field in status?.GetDetail<BadRequest>()?.FieldViolations ?? [])
        {
            details.Add($"{field.Field} : {field.Description}");
        }

        foreach (var violation in preconditions.Where(v => !string.IsNullOrEmpty(v.Subject)))
        {
            details.Add($"{violation.Type} ({violation.Subject}) : {violation.Description}");
        }

        var (http, words) = Words(ex.StatusCode);
        var shown = ex.StatusCode is StatusCode.Internal or StatusCode.Unknown or StatusCode.DataLoss
            ? "le service n'a pas pu traiter la demande ; réessayez plus tard ou prévenez l'administrateur."
            : ex.StatusCode == StatusCode.Unavailable && status is null
                ? "les services ne répondent pas ; réessayez dans un instant."
                : message ?? string.Empty;
        var rulePart = rules.Count == 0 ? string.Empty : $" ({string.Join(", ", rules)})";
        return new Refusal(http, words, $"{words}{rulePart} : {shown}", rules, details);
    }

    /// <summary>The HTTP status and the French word of a gRPC status.</summary>
    public static (int Http, string Words) Words(StatusCode code) => code switch
    {
        StatusCode.InvalidArgument => (400, "Saisie invalide"),
        StatusCode.OutOfRange => (400, "Saisie invalide"),
        StatusCode.NotFound => (404, "Introuvable"),
        StatusCode.AlreadyExists => (409, "Déjà enregistré"),
        StatusCode.PermissionDenied => (403, "Refusé"),
        StatusCode.FailedPrecondition => (409, "Refusé"),
        StatusCode.Aborted => (409, "Conflit"),
        StatusCode.Unauthenticated => (401, "Non connecté"),
        StatusCode.ResourceExhausted => (429, "Limite atteinte"),
        StatusCode.Unavailable => (503, "Service indisponible"),
        StatusCode.DeadlineExceeded => (504, "Pas de réponse à temps"),
        StatusCode.Unimplemented => (501, "Non disponible sur ce déploiement"),
        StatusCode.Cancelled => (499, "Annulé"),
        _ => (500, "Erreur"),
    };

    [GeneratedRegex(@"^([A-Z]{2,4}-\d+)\b")]
    private static partial Regex LeadingRule();
}
