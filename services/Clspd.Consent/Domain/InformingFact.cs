namespace Clspd.Consent.Domain;

/// <summary>One informing as the rules see it: who was informed, when, with which notice.</summary>
public sealed record InformingFact(string PartyRef, DateTimeOffset InformedAt, string NoticeVersion);
