using Clspd.Registry.V1;
using Clspd.ServiceDefaults.Errors;

namespace Clspd.ServiceDefaults.Tests;

public sealed class RequestValidatorTests
{
    [Theory]
    [InlineData(null, "is required")]
    [InlineData("", "is required")]
    [InlineData("   ", "is required")]
    public void Required_Blank_FieldNamed(string? value, string description)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => new RequestValidator().Required("name", value).ThrowIfInvalid());
        Assert.Equal(new FieldError("name", description), Assert.Single(ex.Errors));
    }

    [Fact]
    public void Required_TenKilobytes_TooLong()
    {
        var ex = Assert.Throws<InvalidRequestException>(() => new RequestValidator().Required("name", new string('x', 10_000)).ThrowIfInvalid());
        Assert.Equal("must be at most 200 characters (got 10000)", Assert.Single(ex.Errors).Description);
    }

    [Fact]
    public void Known_UnspecifiedAndUnknownEnum_BothReported()
    {
        var ex = Assert.Throws<InvalidRequestException>(() => new RequestValidator()
            .Known("kind", GroupKind.Unspecified).Known("role", (Role)99).ThrowIfInvalid());
        Assert.Equal(["kind", "role"], ex.Errors.Select(e => e.Field));
        Assert.Contains("unknown value 99", ex.Errors[1].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowIfInvalid_AllValid_DoesNotThrow()
    {
        var v = new RequestValidator().Required("name", "ok").Known("kind", GroupKind.Territorial).RequestId("r1");
        Assert.True(v.IsValid);
        v.ThrowIfInvalid();
    }
}
