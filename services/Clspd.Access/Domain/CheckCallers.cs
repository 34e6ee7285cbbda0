using Clspd.Rules;

namespace Clspd.Access.Domain;

/// <summary>Who may ask for a decision (ACC-6).</summary>
public static class CheckCallers
{
    /// <summary>ACC-6: a participant checks only their own access; a service checks anyone's.</summary>
    public static Violation? MayCheck(bool isService, string caller, string principal) =>
        isService || string.Equals(caller, principal, StringComparison.Ordinal)
            ? null
            : new Violation("ACC-6", "principal", "a participant may check only their own access");
}
