namespace Clspd.Cli.Demo;

/// <summary>A demo person once recorded: subject reference, case, the consent revision of their last decision and their referral.</summary>
public sealed record FollowedPerson(Young Young, string SubjectRef, string CaseId, string CaseCode, string GroupId, long ConsentRevision, string ReferralId);
