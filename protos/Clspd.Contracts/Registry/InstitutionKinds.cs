namespace Clspd.Registry.V1;

/// <summary>
/// What the institution kinds mean for the rules, defined once for every service: the registry
/// marks these institutions (REG-6), access denies them the named view (ACC-2), consent never
/// counts them among those who may record a decision.
/// </summary>
public static class InstitutionKinds
{
    /// <summary>
    /// REG-6 / ACC-2: institutions that never receive nominative data — police forces (national
    /// police, municipal police, gendarmerie: their judicial-police powers run outside this system)
    /// and municipal services not in charge of the follow-up.
    /// </summary>
    public static bool NeverNominative(InstitutionKind kind) =>
        kind is InstitutionKind.Police or InstitutionKind.Gendarmerie or InstitutionKind.MunicipalPolice or InstitutionKind.MunicipalServiceNotInCharge;
}
