using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using TradingRl.Security.AspNetCore.Authorization;

namespace TradingRl.Security.AspNetCore.Tests;

[ApiController]
[Route("v1/controller-orders")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "MVC actions are instance methods.")]
public sealed class TestOrdersController : ControllerBase
{
    [HttpGet]
    [RequirePermission("orders.view")]
    public string List() => "listed";

    [HttpDelete("{account}")]
    [RequirePermission("orders.cancel")]
    public string Cancel(string account) => "cancelled " + account;
}

public class RequirePermissionAttributeTests
{
    [Theory]
    [InlineData("viewer", "GET", "/v1/controller-orders", 200)]
    [InlineData("viewer", "DELETE", "/v1/controller-orders/ACC-1", 403)]
    [InlineData("trader", "DELETE", "/v1/controller-orders/ACC-1", 200)]
    [InlineData("trader", "DELETE", "/v1/controller-orders/ACC-2", 403)]
    [InlineData(null, "GET", "/v1/controller-orders", 401)]
    public async Task Controller_Attribute_Authorizes(string? role, string method, string path, int expected)
    {
        await using var api = await TestApi.StartAsync(controllers: true);
        var token = role is null ? null : (await api.SignInAsync("u-" + role, role)).Token;

        using var r = await api.SendAsync(new HttpMethod(method), path, token);

        Assert.Equal(expected, (int)r.StatusCode);
        SecurityHeaderAssertions.AssertSecurityHeaders(r);
    }

    [Fact]
    public void Attribute_FixedSchemeAndRequirement()
    {
        var a = new RequirePermissionAttribute("orders.view");
        IAuthorizeData data = a;

        Assert.Equal("TradingBearer", data.AuthenticationSchemes);
        Assert.Null(data.Policy);
        Assert.Equal("orders.view", Assert.IsType<PermissionRequirement>(Assert.Single(a.GetRequirements())).PermissionName);
        Assert.Throws<NotSupportedException>(() => data.Policy = "x");
        Assert.Throws<ArgumentException>(() => new RequirePermissionAttribute(" "));
    }
}
