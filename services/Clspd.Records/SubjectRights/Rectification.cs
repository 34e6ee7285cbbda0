using Clspd.Records.Domain;
using Clspd.Records.V1;
using Clspd.ServiceDefaults.Errors;

namespace Clspd.Records.SubjectRights;

/// <summary>REC-10: which identity fields a rectification may name, checked as at creation (REC-1).</summary>
public static class Rectification
{
    /// <summary>Validates the request; returns the distinct field names to rectify.</summary>
    public static IReadOnlyList<string> Validate(RectifyIdentityRequest request)
    {
        var identity = request.Identity ?? new Identity();
        ArgumentNullException.ThrowIfNull(request);
        var names = request.Fields.Distinct(StringComparer.Ordinal).ToList();
        var unknown = IdentityFields.Known(names);
        var v = new RequestValidator().RequestId(request.RequestId).Required("subject_ref", request.SubjectRef, 64)
            .When(names.Count == 0, "fields", "name at least one identity field to rectify")
            .When(unknown is not null, unknown?.Subject ?? "", unknown?.ToString() ?? "");
        if (names.Contains("surname"))
        {
            v.Required("identity.surname", identity.Surname, 100);
        }

        if (names.Contains("first_names"))
        {
            v.Required("identity.first_names", identity.FirstNames, 200);
        }

        v.When(names.Contains("sex") && (identity.Sex == Sex.Unspecified || !Enum.IsDefined(identity.Sex)), "identity.sex", "unknown value")
            .When(names.Contains("birth_date") && identity.BirthDate is null, "identity.birth_date", "required when rectified")
            .MaxLength("identity.address", identity.Address, 300).MaxLength("identity.phone", identity.Phone, 30).MaxLength("identity.email", identity.Email, 200)
            .ThrowIfInvalid();
        return names;
    }

    /// <summary>Copies the named fields of <paramref name="values"/> into the person's file.</summary>
    public static void Apply(PersonFile file, Identity values, IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(values);
        foreach (var field in fields)
        {
            switch (field)
            {
                case "surname": file.Surname = values.Surname; break;
                case "first_names": file.FirstNames = values.FirstNames; break;
                case "sex": file.Sex = values.Sex; break;
                case "birth_date": file.BirthDate = values.BirthDate; break;
                case "address": file.Address = values.Address; break;
                case "phone": file.Phone = values.Phone; break;
                case "email": file.Email = values.Email; break;
                default: throw new InvalidRequestException("fields", "unknown identity field");
            }
        }
    }
}
