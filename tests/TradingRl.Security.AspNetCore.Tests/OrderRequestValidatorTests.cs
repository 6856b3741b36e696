using System.Text;
using TradingRl.Security.AspNetCore.Validation;

namespace TradingRl.Security.AspNetCore.Tests;

public class OrderRequestValidatorTests
{
    private static readonly OrderRequestValidator Validator = new(new OrderSchemaOptions());

    private static OrderValidationResult Validate(string json) => Validator.Validate(Encoding.UTF8.GetBytes(json));

    private static string Codes(OrderValidationResult r) => string.Join(" ", r.Errors.Select(e => e.Pointer + ":" + e.Code));

    [Fact]
    public void Validate_LimitOrder_ReturnsExactValues()
    {
        var r = Validate("""{"clientOrderId":"c-1:a","account":"ACC-1","symbol":"EUR/USD","side":"buy","type":"limit","quantity":1500.25,"limitPrice":1.08345,"timeInForce":"ioc"}""");

        Assert.True(r.IsValid, Codes(r));
        var o = r.Order!;
        Assert.Equal("c-1:a", o.ClientOrderId);
        Assert.Equal("ACC-1", o.Account);
        Assert.Equal("EUR/USD", o.Symbol);
        Assert.Equal(OrderSide.Buy, o.Side);
        Assert.Equal(OrderType.Limit, o.Type);
        Assert.Equal(1500.25m, o.Quantity);
        Assert.Equal(1.08345m, o.LimitPrice);
        Assert.Equal(OrderTimeInForce.ImmediateOrCancel, o.TimeInForce);
    }

    [Fact]
    public void Validate_MarketOrderWithoutTimeInForce_DefaultsToDay()
    {
        var r = Validate("""{"clientOrderId":"c2","account":"a","symbol":"AAPL","side":"sell","type":"market","quantity":10}""");

        Assert.True(r.IsValid, Codes(r));
        Assert.Null(r.Order!.LimitPrice);
        Assert.Equal(OrderTimeInForce.Day, r.Order.TimeInForce);
        Assert.Equal(OrderSide.Sell, r.Order.Side);
    }

    [Fact]
    public void Validate_EveryFieldWrong_ListsEachField()
    {
        var r = Validate("""{"clientOrderId":5,"account":"a b","symbol":"<script>","side":"BUY","type":"stop","quantity":"10","limitPrice":-1,"timeInForce":null}""");

        Assert.False(r.IsValid);
        Assert.Equal(
            "#/clientOrderId:type #/account:format #/symbol:format #/side:format #/type:format #/quantity:type #/limitPrice:range #/timeInForce:type",
            Codes(r));
    }

    [Fact]
    public void Validate_SymbolWithMarkup_IsRefusedNotStripped()
    {
        var r = Validate("""{"clientOrderId":"c","account":"a","symbol":"AA<PL","side":"buy","type":"market","quantity":1}""");

        Assert.Equal("#/symbol:format", Codes(r));
        Assert.Null(r.Order);
    }

    [Fact]
    public void Validate_UnknownAndDuplicateFields_AreRefused()
    {
        var r = Validate("""{"clientOrderId":"c","account":"a","symbol":"X","side":"buy","type":"market","quantity":1,"Quantity":2,"side":"sell","a/b~":{"x":[1]}}""");

        Assert.Equal("#/Quantity:unknown_field #/side:duplicate_field #/a~1b~0:unknown_field", Codes(r));
    }

    [Fact]
    public void Validate_MissingFields_ListsEachRequired()
    {
        var r = Validate("{}");

        Assert.Equal("#/clientOrderId:required #/account:required #/symbol:required #/side:required #/type:required #/quantity:required", Codes(r));
    }

    [Theory]
    [InlineData("""{"clientOrderId":"c","account":"a","symbol":"X","side":"buy","type":"limit","quantity":1}""", "#/limitPrice:required")]
    [InlineData("""{"clientOrderId":"c","account":"a","symbol":"X","side":"buy","type":"market","quantity":1,"limitPrice":2}""", "#/limitPrice:not_allowed")]
    [InlineData("""{"clientOrderId":"c","account":"a","symbol":"X","side":"buy","type":"market","quantity":0}""", "#/quantity:range")]
    [InlineData("""{"clientOrderId":"c","account":"a","symbol":"X","side":"buy","type":"market","quantity":1000000.5}""", "#/quantity:range")]
    [InlineData("""{"clientOrderId":"c","account":"a","symbol":"X","side":"buy","type":"market","quantity":1.123456789}""", "#/quantity:format")]
    [InlineData("""{"clientOrderId":"c","account":"a","symbol":"X","side":"buy","type":"market","quantity":1e400}""", "#/quantity:range")]
    [InlineData("""{"clientOrderId":"","account":"a","symbol":"X","side":"buy","type":"market","quantity":1}""", "#/clientOrderId:range")]
    [InlineData("""{"clientOrderId":"c","account":"a","symbol":"ABCDEFGHIJKLMNOPQ","side":"buy","type":"market","quantity":1}""", "#/symbol:range")]
    [InlineData("""{"clientOrderId":"c","account":"a","symbol":".X","side":"buy","type":"market","quantity":1}""", "#/symbol:format")]
    [InlineData("""{"clientOrderId":" c","account":"a","symbol":"X","side":"buy","type":"market","quantity":1}""", "#/clientOrderId:format")]
    public void Validate_OutOfSchemaValue_ReportsField(string json, string expected) => Assert.Equal(expected, Codes(Validate(json)));

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("""{"clientOrderId":"c",}""")]
    [InlineData("""{"clientOrderId":"c" /* comment */}""")]
    [InlineData("""{"clientOrderId":"c"} {}""")]
    [InlineData("\uFEFF{\"a\":1")]
    public void Validate_MalformedJson_ReportsWholeBody(string json)
    {
        var r = Validate(json);

        Assert.False(r.IsValid);
        Assert.Contains(r.Errors, e => e.Pointer == "#" && e.Code == "malformed_json");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"order\"")]
    [InlineData("42")]
    public void Validate_NotAnObject_ReportsType(string json) => Assert.Equal("#:type", Codes(Validate(json)));

    [Fact]
    public void Validate_ErrorDetail_NeverEchoesTheValue()
    {
        var r = Validate("""{"clientOrderId":"c","account":"a","symbol":"SECRET<>VALUE","side":"buy","type":"market","quantity":1}""");

        Assert.DoesNotContain(r.Errors, e => e.Detail.Contains("SECRET", StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_NullOptions_Throws() => Assert.Throws<ArgumentNullException>(() => new OrderRequestValidator(null!));
}
