namespace TradingRl.Security.AspNetCore.Validation;

/// <summary>One problem with one field of a request body, reported in the RFC 9457 problem's <c>errors</c> member.</summary>
/// <param name="Pointer">The JSON pointer of the field (RFC 6901, as a URI fragment), e.g. <c>#/quantity</c>; <c>#</c> for the whole body.</param>
/// <param name="Code">A stable code: <c>required</c>, <c>type</c>, <c>format</c>, <c>range</c>, <c>unknown_field</c>, <c>duplicate_field</c>, <c>not_allowed</c>, <c>malformed_json</c>.</param>
/// <param name="Detail">What is wrong, for a person; never echoes the value sent.</param>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "pointer is the RFC 6901 and RFC 9457 term.")]
public sealed record FieldError(string Pointer, string Code, string Detail);
