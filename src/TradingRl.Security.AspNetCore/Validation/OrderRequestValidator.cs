using System.Text.Json;

namespace TradingRl.Security.AspNetCore.Validation;

/// <summary>Validates a UTF-8 JSON order request against the order schema: types, ranges, formats, required and unknown fields.</summary>
/// <remarks>
/// Thread-safe and stateless. Never throws on bad input: every problem becomes a <see cref="FieldError"/>. Values are
/// checked as sent and never altered: a symbol with a forbidden character is refused, not stripped; <c>"BUY"</c> is
/// refused, not lower-cased; a quantity sent as a string is refused, not converted.
/// </remarks>
public sealed class OrderRequestValidator
{
    private const int MaxIdLength = 64;
    private const int MaxSymbolLength = 16;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 4, CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false };

    private readonly OrderSchemaOptions _options;

    /// <summary>Initializes a validator.</summary>
    /// <param name="options">The schema limits.</param>
    public OrderRequestValidator(OrderSchemaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Validates a body.</summary>
    /// <param name="utf8Json">The request body.</param>
    /// <returns>The order, or every error found.</returns>
    public OrderValidationResult Validate(ReadOnlySpan<byte> utf8Json)
    {
        var errors = new List<FieldError>();
        var seen = Fields.None;
        string? clientOrderId = null, account = null, symbol = null;
        OrderSide side = default;
        OrderType type = default;
        OrderTimeInForce tif = OrderTimeInForce.Day;
        decimal quantity = 0;
        decimal? limitPrice = null;
        var limitPriceSent = false;

        try
        {
            var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                errors.Add(new("#", "type", "The body must be a JSON object."));
                return OrderValidationResult.Invalid(errors);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = Identify(ref reader);
                var name = field == Fields.None ? UnknownName(ref reader) : NameOf(field);
                if (!reader.Read())
                {
                    break;
                }

                if (field == Fields.None)
                {
                    errors.Add(new("#/" + name, "unknown_field", "This field is not part of the order schema."));
                    reader.Skip();
                    continue;
                }

                if ((seen & field) != 0)
                {
                    errors.Add(new("#/" + name, "duplicate_field", "This field appears more than once."));
                    reader.Skip();
                    continue;
                }

                seen |= field;
                var pointer = "#/" + name;
                switch (field)
                {
                    case Fields.ClientOrderId:
                        clientOrderId = ReadIdentifier(ref reader, pointer, MaxIdLength, allowColon: true, errors);
                        break;
                    case Fields.Account:
                        account = ReadIdentifier(ref reader, pointer, MaxIdLength, allowColon: false, errors);
                        break;
                    case Fields.Symbol:
                        symbol = ReadSymbol(ref reader, pointer, errors);
                        break;
                    case Fields.Side:
                        side = ReadEnum(ref reader, pointer, errors, "\"buy\" or \"sell\"", static s => s switch { "buy" => OrderSide.Buy, "sell" => OrderSide.Sell, _ => default });
                        break;
                    case Fields.Type:
                        type = ReadEnum(ref reader, pointer, errors, "\"market\" or \"limit\"", static s => s switch { "market" => OrderType.Market, "limit" => OrderType.Limit, _ => default });
                        break;
                    case Fields.TimeInForce:
                        tif = ReadEnum(ref reader, pointer, errors, "\"day\", \"gtc\", \"ioc\" or \"fok\"", static s => s switch
                        {
                            "day" => OrderTimeInForce.Day,
                            "gtc" => OrderTimeInForce.GoodTillCancelled,
                            "ioc" => OrderTimeInForce.ImmediateOrCancel,
                            "fok" => OrderTimeInForce.FillOrKill,
                            _ => default,
                        });
                        break;
                    case Fields.Quantity:
                        quantity = ReadAmount(ref reader, pointer, _options.MaxQuantity, errors) ?? 0;
                        break;
                    case Fields.LimitPrice:
                        limitPriceSent = true;
                        limitPrice = ReadAmount(ref reader, pointer, _options.MaxPrice, errors);
                        break;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                errors.Add(new("#", "malformed_json", "The body must be exactly one JSON object."));
            }
        }
        catch (JsonException)
        {
            // The reader's message may quote the input; it is not passed on.
            errors.Add(new("#", "malformed_json", "The body is not well-formed JSON."));
            return OrderValidationResult.Invalid(errors);
        }

        Require(seen, Fields.ClientOrderId, errors);
        Require(seen, Fields.Account, errors);
        Require(seen, Fields.Symbol, errors);
        Require(seen, Fields.Side, errors);
        Require(seen, Fields.Type, errors);
        Require(seen, Fields.Quantity, errors);
        if (type == OrderType.Limit && !limitPriceSent)
        {
            errors.Add(new("#/limitPrice", "required", "A limit order needs a limitPrice."));
        }
        else if (type == OrderType.Market && limitPriceSent)
        {
            errors.Add(new("#/limitPrice", "not_allowed", "A market order must not have a limitPrice."));
        }

        return errors.Count == 0
            ? OrderValidationResult.Valid(new OrderRequest(clientOrderId!, account!, symbol!, side, type, quantity, limitPrice, tif))
            : OrderValidationResult.Invalid(errors);
    }

    private static void Require(Fields seen, Fields field, List<FieldError> errors)
    {
        if ((seen & field) == 0)
        {
            errors.Add(new("#/" + NameOf(field), "required", "This field is required."));
        }
    }

    private static Fields Identify(ref Utf8JsonReader reader)
    {
        // Names are compared exactly (case-sensitive, unescaped); "Quantity" is an unknown field, not "quantity".
        if (reader.ValueIsEscaped)
        {
            return Fields.None;
        }

        var n = reader.ValueSpan;
        return n switch
        {
            _ when n.SequenceEqual("clientOrderId"u8) => Fields.ClientOrderId,
            _ when n.SequenceEqual("account"u8) => Fields.Account,
            _ when n.SequenceEqual("symbol"u8) => Fields.Symbol,
            _ when n.SequenceEqual("side"u8) => Fields.Side,
            _ when n.SequenceEqual("type"u8) => Fields.Type,
            _ when n.SequenceEqual("quantity"u8) => Fields.Quantity,
            _ when n.SequenceEqual("limitPrice"u8) => Fields.LimitPrice,
            _ when n.SequenceEqual("timeInForce"u8) => Fields.TimeInForce,
            _ => Fields.None,
        };
    }

    private static string NameOf(Fields field) => field switch
    {
        Fields.ClientOrderId => "clientOrderId",
        Fields.Account => "account",
        Fields.Symbol => "symbol",
        Fields.Side => "side",
        Fields.Type => "type",
        Fields.Quantity => "quantity",
        Fields.LimitPrice => "limitPrice",
        _ => "timeInForce",
    };

    private static string UnknownName(ref Utf8JsonReader reader)
    {
        // Reported so the client can find it: bounded, and escaped as a JSON pointer token (RFC 6901 section 3).
        var raw = reader.GetString()!;
        if (raw.Length > MaxIdLength)
        {
            raw = raw[..MaxIdLength];
        }

        return raw.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
    }

    private static string? ReadIdentifier(ref Utf8JsonReader reader, string pointer, int maxLength, bool allowColon, List<FieldError> errors)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            errors.Add(new(pointer, "type", "Must be a string."));
            reader.Skip();
            return null;
        }

        var s = reader.GetString()!;
        if (s.Length == 0 || s.Length > maxLength)
        {
            errors.Add(new(pointer, "range", $"Must be 1 to {maxLength} characters long."));
            return null;
        }

        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' || (allowColon && c == ':')))
            {
                errors.Add(new(pointer, "format", allowColon
                    ? "Only letters A-Z and a-z, digits and . _ : - are allowed."
                    : "Only letters A-Z and a-z, digits and . _ - are allowed."));
                return null;
            }
        }

        return s;
    }

    private static string? ReadSymbol(ref Utf8JsonReader reader, string pointer, List<FieldError> errors)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            errors.Add(new(pointer, "type", "Must be a string."));
            reader.Skip();
            return null;
        }

        var s = reader.GetString()!;
        if (s.Length == 0 || s.Length > MaxSymbolLength)
        {
            errors.Add(new(pointer, "range", $"Must be 1 to {MaxSymbolLength} characters long."));
            return null;
        }

        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            var ok = char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || (i > 0 && c is '.' or '/' or '_' or '-');
            if (!ok)
            {
                errors.Add(new(pointer, "format", "Must be upper-case letters A-Z and digits, with . / _ - after the first character."));
                return null;
            }
        }

        return s;
    }

    private static TEnum ReadEnum<TEnum>(ref Utf8JsonReader reader, string pointer, List<FieldError> errors, string allowed, Func<string, TEnum> parse)
        where TEnum : struct, Enum
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            errors.Add(new(pointer, "type", "Must be a string: " + allowed + "."));
            reader.Skip();
            return default;
        }

        var value = parse(reader.GetString()!);
        if (value.Equals(default(TEnum)))
        {
            errors.Add(new(pointer, "format", "Must be " + allowed + " (lower case)."));
        }

        return value;
    }

    private decimal? ReadAmount(ref Utf8JsonReader reader, string pointer, decimal max, List<FieldError> errors)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            errors.Add(new(pointer, "type", "Must be a JSON number."));
            reader.Skip();
            return null;
        }

        if (!reader.TryGetDecimal(out var value))
        {
            errors.Add(new(pointer, "range", "The number is out of range."));
            return null;
        }

        if (value <= 0 || value > max)
        {
            errors.Add(new(pointer, "range", $"Must be greater than 0 and at most {max.ToString(System.Globalization.CultureInfo.InvariantCulture)}."));
            return null;
        }

        if (value.Scale > _options.MaxDecimalPlaces)
        {
            errors.Add(new(pointer, "format", $"At most {_options.MaxDecimalPlaces} decimal places are allowed."));
            return null;
        }

        return value;
    }

    [Flags]
    private enum Fields
    {
        None = 0,
        ClientOrderId = 1,
        Account = 2,
        Symbol = 4,
        Side = 8,
        Type = 16,
        Quantity = 32,
        LimitPrice = 64,
        TimeInForce = 128,
    }
}
