using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TradingRl.Security.Auth.Mfa;
using TradingRl.Security.Auth.SignIn;
using TradingRl.Security.Auth.Tokens;
using TradingRl.Security.Auth.Users;
using TradingRl.Security.Authorization;
using TradingRl.Security.Compliance;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Encryption;
using TradingRl.Security.Events;
using TradingRl.Security.Incidents;
using TradingRl.Security.Sample.Dashboard;
using TradingRl.Security.Sample.Replay;
using ComplianceSide = TradingRl.Security.Compliance.OrderSide;
using ReplaySide = TradingRl.Security.Sample.Replay.OrderSide;

namespace TradingRl.Security.Sample.Security;

/// <summary>The sample's use of every package: sign-in, authorization and the risk gate before each order, fills reported, and the end-of-run steps.</summary>
public sealed class SecuritySuite(IServiceProvider services, TimeProvider time, string instrument, string currency, string desk, RunTimeline timeline)
{
    /// <summary>The account the scripted adverse trades use to show the daily-loss switch to reduce-only.</summary>
    public const string LossAccount = "agent-loss";

    private static readonly byte[] SnapshotContext = Encoding.UTF8.GetBytes("tradingrl.sample/pnl-snapshot/v1");
    private readonly Dictionary<string, AgentSession> _agents = new(StringComparer.Ordinal);
    private readonly List<(string Account, long OrderId, ReplaySide Side, long Quantity, decimal Price, DateTimeOffset Time)> _pendingReports = [];
    private readonly PreTradeRiskGate _gate = services.GetRequiredService<PreTradeRiskGate>();
    private readonly PortfolioBook _book = services.GetRequiredService<PortfolioBook>();
    private readonly ITradingAuthorizer _authorizer = services.GetRequiredService<ITradingAuthorizer>();
    private readonly SurveillanceMonitor _surveillance = services.GetRequiredService<SurveillanceMonitor>();
    private readonly decimal? _dailyLossFraction = services.GetRequiredService<IOptions<ComplianceOptions>>().Value.Limits.MaxDailyLossFraction;

    /// <summary>Gets the sign-in counts by outcome.</summary>
    public SortedDictionary<string, long> SignIns { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the authorization denials by reason code.</summary>
    public SortedDictionary<string, long> AuthorizationDenials { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the number of users provisioned.</summary>
    public int UsersProvisioned { get; private set; }

    /// <summary>Gets the trade reports written.</summary>
    public long TradeReports { get; private set; }

    /// <summary>Gets the trade reports that were late.</summary>
    public long LateTradeReports { get; private set; }

    /// <summary>Gets the audit sequence number of the viewer's denied order.</summary>
    public long DeniedOrderSequence { get; private set; } = -1;

    /// <summary>Provisions the operators, agents and viewer (Argon2id password + TOTP), signs them in and shows a lockout.</summary>
    public async Task ProvisionAndSignInAsync(IReadOnlyList<string> agentAccounts, decimal referencePrice, CancellationToken cancellationToken)
    {
        _book.DefineInstrument(new Instrument(instrument, currency, tickSize: currency == "JPY" ? 0.001m : 0.01m, lotSize: 1m) { DailyVolatility = 0.02m });
        foreach (var account in agentAccounts)
        {
            _book.DefineAccount(new TradingAccount(account, startOfDayNav: currency == "JPY" ? 5_000_000_000m : 100_000_000m, currency));
        }

        // A small account whose scripted adverse round trips reach the 5 % daily-loss limit: deterministic reduce-only.
        _book.DefineAccount(new TradingAccount(LossAccount, startOfDayNav: decimal.Round(referencePrice * 20m, 2), currency));

        var accounts = services.GetRequiredService<AccountManager>();
        var signIn = services.GetRequiredService<SignInService>();
        var validator = services.GetRequiredService<AccessTokenValidator>();
        var resolver = services.GetRequiredService<IPermissionResolver>();

        async Task<SecurityPrincipal?> ProvisionAndSignIn(string name, string role, string address)
        {
            var password = "sample " + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)) + " passphrase";
            var created = await accounts.CreateAsync(name, password, [role], cancellationToken).ConfigureAwait(false);
            var user = created.Account ?? throw new InvalidOperationException($"Provisioning {name} failed: {created.Violation}.");
            UsersProvisioned++;
            _subjects[name] = user.Subject;
            var enrolment = await accounts.EnrollTotpAsync(user.Subject, cancellationToken).ConfigureAwait(false);
            _secrets[name] = (password, enrolment.SecretBase32);
            return await SignInAsync(name, password, enrolment.SecretBase32, address).ConfigureAwait(false);
        }

        async Task<SecurityPrincipal?> SignInAsync(string name, string password, string secretBase32, string address)
        {
            var step1 = await signIn.PasswordSignInAsync(name, password, address, cancellationToken).ConfigureAwait(false);
            if (step1.Status != SignInStatus.MfaRequired)
            {
                Count(SignIns, step1.Status.ToString());
                return null;
            }

            Base32.TryDecode(secretBase32, out var secret);
            var step2 = await signIn.CompleteMfaAsync(step1.ChallengeId!, Totp.ComputeTotp(secret, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            Count(SignIns, step2.Status.ToString());
            if (step2.Tokens is null)
            {
                return null;
            }

            var check = await validator.ValidateAsync(step2.Tokens.AccessToken, cancellationToken).ConfigureAwait(false);
            return check.IsValid ? check.Principal : null;
        }

        await ProvisionAndSignIn("ops-dana", TradingRoles.Admin, "10.0.0.2").ConfigureAwait(false);
        await ProvisionAndSignIn("ops-eve", TradingRoles.Trader, "10.0.0.3").ConfigureAwait(false);
        foreach (var account in agentAccounts.Append(LossAccount))
        {
            var p = await ProvisionAndSignIn(account, TradingRoles.Trader, "10.0.1.1").ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Agent {account} could not sign in.");
            string[] roles = [.. p.Roles];
            _agents[account] = new AgentSession(account, new SecurityPrincipal(p.Subject)
            {
                Roles = roles,
                Permissions = resolver.Resolve(roles),
                Desk = desk,
                Accounts = [account],
                SessionId = p.SessionId,
                AuthenticatedAt = p.AuthenticatedAt,
                AuthenticationMethods = p.AuthenticationMethods,
            });
        }

        // The viewer signs in, tries to trade and is denied; the denial is also put on the audit record for its inclusion proof.
        var viewer = await ProvisionAndSignIn("viewer-1", TradingRoles.Viewer, "10.0.2.1").ConfigureAwait(false)
            ?? throw new InvalidOperationException("The viewer could not sign in.");
        string[] viewerRoles = [.. viewer.Roles];
        var viewerPrincipal = new SecurityPrincipal(viewer.Subject) { Roles = viewerRoles, Permissions = resolver.Resolve(viewerRoles), Desk = desk, Accounts = [agentAccounts[0]] };
        var request = new AuthorizationRequest(Permissions.PlaceOrder) { Account = agentAccounts[0], Instrument = instrument, Desk = desk, Notional = referencePrice * 100m };
        var denied = _authorizer.Authorize(viewerPrincipal, in request);
        if (!denied.IsAllowed)
        {
            Count(AuthorizationDenials, denied.ReasonCode);
        }

        var audit = services.GetRequiredService<AuditTrail>();
        var recorded = await audit.AppendAsync(new SecurityEvent(AuditEventTypes.OrderChecked.Type, SecuritySeverity.Medium, time.GetUtcNow())
        {
            Actor = "viewer-1",
            Resource = "order/viewer-1-1",
            Outcome = denied.IsAllowed ? SecurityOutcome.Success : SecurityOutcome.Denied,
            Properties = new Dictionary<string, string> { ["reason"] = denied.ReasonCode, ["instrument"] = instrument },
        }, cancellationToken).ConfigureAwait(false);
        DeniedOrderSequence = recorded.Sequence;

        // Brute force: wrong passwords against ops-eve from one address. The sixth failure in 5 minutes locks the account,
        // and Incidents' failed-login-burst rule opens a critical incident whose automatic containment locks it too.
        for (var i = 0; i < 8; i++)
        {
            var r = await signIn.PasswordSignInAsync("ops-eve", "not the password " + i.ToString(CultureInfo.InvariantCulture), "203.0.113.9", cancellationToken).ConfigureAwait(false);
            Count(SignIns, r.Status.ToString());
        }

        // The right password during the lockout is refused as well.
        var (evePassword, eveSecret) = _secrets["ops-eve"];
        await SignInAsync("ops-eve", evePassword, eveSecret, "10.0.0.3").ConfigureAwait(false);
    }

    private readonly Dictionary<string, (string Password, string Secret)> _secrets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _subjects = new(StringComparer.Ordinal);

    /// <summary>Gets the subject id of a provisioned user.</summary>
    public string SubjectOf(string userName) => _subjects[userName];

    /// <summary>Shows the daily-loss switch: adverse round trips on <see cref="LossAccount"/> until the gate switches it to reduce-only, then one more buy.</summary>
    public void ScriptedLoss(decimal referencePrice, decimal tick)
    {
        decimal OnGrid(decimal p) => decimal.Round(p / tick, 0) * tick;
        var buyAt = OnGrid(referencePrice * 1.04m);
        var sellAt = OnGrid(referencePrice * 0.96m);
        for (var i = 0; i < 40; i++)
        {
            var id = "loss-" + i.ToString(CultureInfo.InvariantCulture);
            if (!CheckAndFill(id + "b", ComplianceSide.Buy, buyAt) || !CheckAndFill(id + "s", ComplianceSide.Sell, sellAt))
            {
                return;
            }
        }

        bool CheckAndFill(string id, ComplianceSide side, decimal price)
        {
            if (Authorize(LossAccount, price, 1) is not null)
            {
                return false;
            }

            var order = new OrderRequest(id, LossAccount, instrument, side, OrderType.Limit, 1m, price) { Strategy = "scripted-loss" };
            if (!_gate.Check(in order).IsAllowed)
            {
                return false;
            }

            _gate.OnFill(new Fill(LossAccount, instrument, side, 1m, price, id));
            return true;
        }
    }

    /// <summary>Updates the reference price of the instrument.</summary>
    public void OnMarketData(decimal? bid, decimal? ask, decimal? last)
    {
        _book.UpdateMarketData(instrument, new MarketQuote(bid, ask, last, time.GetUtcNow()));
        if (timeline.NeedsPnlSample)
        {
            RecordPnl();
        }
    }

    /// <summary>Samples the P&amp;L and the daily-loss limits' use into the dashboard's timeline.</summary>
    public void RecordPnl()
    {
        decimal total = 0m, worst = 0m, loss = 0m;
        foreach (var account in _agents.Keys)
        {
            var a = _book.GetAccount(account);
            var pnl = a.DailyPnl ?? a.RealisedPnl;
            var used = pnl < 0m && _dailyLossFraction is { } f ? decimal.Round(-pnl / (a.StartOfDayNav * f) * 100m, 2) : 0m;
            if (account == LossAccount)
            {
                loss = used;
                continue;
            }

            total += pnl;
            worst = Math.Max(worst, used);
        }

        timeline.RecordPnl(new PnlPoint(decimal.Round(total, 2), worst, loss));
    }

    /// <summary>Authorizes an order for the account's signed-in agent and passes it through the pre-trade gate.</summary>
    /// <returns>Whether the order may go to the market.</returns>
    public bool CheckOrder(SampleOrder order)
    {
        if (Authorize(order.Account, order.Price, order.Quantity) is { } denied)
        {
            timeline.RecordOrder("authz:" + denied);
            return false;
        }

        var request = new OrderRequest(order.Id.ToString(CultureInfo.InvariantCulture), order.Account, instrument, ToCompliance(order.Side), OrderType.Limit, order.Quantity, order.Price) { Strategy = "sample-agent" };
        var decision = _gate.Check(in request);
        timeline.RecordOrder(decision.IsAllowed ? null : decision.Reason.ToString());
        return decision.IsAllowed;
    }

    // Returns the denial's reason code, or null when the agent may place the order.
    private string? Authorize(string account, decimal price, long quantity)
    {
        if (!_agents.TryGetValue(account, out var agent))
        {
            Count(AuthorizationDenials, "not_signed_in");
            return "not_signed_in";
        }

        var request = new AuthorizationRequest(Permissions.PlaceOrder) { Account = account, Instrument = instrument, Desk = desk, Notional = price * quantity };
        var decision = _authorizer.Authorize(agent.Principal, in request);
        if (decision.IsAllowed)
        {
            return null;
        }

        Count(AuthorizationDenials, decision.ReasonCode);
        return decision.ReasonCode;
    }

    /// <summary>Tells the gate and surveillance about a cancel of an allowed order.</summary>
    public void OnCancelled(SampleOrder order, long quantity, bool full)
    {
        _gate.OnOrderCancelled(order.Account, order.Id.ToString(CultureInfo.InvariantCulture), full ? null : quantity);
        Observe(full ? MarketEventKind.OrderCancelled : MarketEventKind.OrderPartiallyCancelled, order, quantity, order.Price);
    }

    /// <summary>Tells the gate and surveillance about a fill and queues its trade report.</summary>
    public void OnFilled(SampleOrder order, long quantity, decimal price)
    {
        _gate.OnFill(new Fill(order.Account, instrument, ToCompliance(order.Side), quantity, price, order.Id.ToString(CultureInfo.InvariantCulture)));
        Observe(MarketEventKind.OrderExecuted, order, quantity, price);
        _pendingReports.Add((order.Account, order.Id, order.Side, quantity, price, time.GetUtcNow()));
    }

    /// <summary>Tells surveillance about an order that reached the market.</summary>
    public void OnAccepted(SampleOrder order) => Observe(MarketEventKind.OrderAdded, order, order.Quantity, order.Price);

    private void Observe(MarketEventKind kind, SampleOrder order, long quantity, decimal price)
    {
        var raised = _surveillance.Observe(new MarketEvent
        {
            Kind = kind,
            Timestamp = time.GetUtcNow(),
            Instrument = instrument,
            Side = order.Side == ReplaySide.Buy ? MarketSide.Buy : MarketSide.Sell,
            OrderId = order.Id,
            Price = price,
            Quantity = quantity,
            Account = order.Account,
        });
        if (raised > 0)
        {
            // The alerts this event raised are the newest of the monitor's recent alerts.
            var recent = _surveillance.GetRecentAlerts();
            for (var i = Math.Max(0, recent.Count - raised); i < recent.Count; i++)
            {
                timeline.RecordAlert(recent[i].ReasonCode, recent[i].DetectedAt);
            }
        }
    }

    /// <summary>Writes the trade reports of the fills since the last call.</summary>
    public async Task ReportFillsAsync(CancellationToken cancellationToken)
    {
        if (_pendingReports.Count == 0)
        {
            return;
        }

        var reporter = services.GetRequiredService<TradeReporter>();
        foreach (var f in _pendingReports)
        {
            var id = f.OrderId.ToString(CultureInfo.InvariantCulture);
            var receipt = await reporter.ReportAsync(new TradeReport
            {
                TradeId = id + "-" + TradeReports.ToString(CultureInfo.InvariantCulture),
                ExecutionTime = f.Time,
                ClockSource = "replay",
                Instrument = instrument,
                Side = ToCompliance(f.Side),
                Quantity = f.Quantity,
                Price = f.Price,
                Currency = currency,
                Venue = currency == "JPY" ? "XOFF" : "XNAS",
                OrderType = OrderType.Limit,
                Account = f.Account,
                AlgorithmId = "sample-agent",
            }, cancellationToken).ConfigureAwait(false);
            TradeReports++;
            if (receipt.IsLate)
            {
                LateTradeReports++;
            }
        }

        _pendingReports.Clear();
    }

    /// <summary>Gets the gate's counters.</summary>
    public RiskGateStatistics GateStatistics => _gate.GetStatistics();

    /// <summary>Gets the surveillance counters.</summary>
    public SurveillanceStatistics SurveillanceStatistics => _surveillance.GetStatistics();

    /// <summary>Builds the end-of-run positions and P&amp;L snapshot.</summary>
    public PnlSnapshot TakeSnapshot(string input) => new()
    {
        TakenAt = time.GetUtcNow(),
        Input = input,
        Accounts = [.. _agents.Keys.Order(StringComparer.Ordinal).Select(a =>
        {
            var p = _book.GetPosition(a, instrument);
            return new PnlLine { Account = a, Instrument = instrument, Position = p.Quantity, RealisedPnl = p.RealisedPnl, UnrealisedPnl = p.UnrealisedPnl };
        })],
    };

    /// <summary>Encrypts the snapshot (classified fields, then the whole document) and writes it atomically.</summary>
    public static async Task WriteSnapshotAsync(IServiceProvider services, string path, PnlSnapshot snapshot, CancellationToken cancellationToken)
    {
        var json = services.GetRequiredService<IClassifiedJsonSerializer>().SerializeToUtf8Bytes(snapshot);
        var sealedBytes = services.GetRequiredService<IEnvelopeEncryptor>().Encrypt(json, SnapshotContext);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        await File.WriteAllBytesAsync(temp, sealedBytes, cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads and decrypts a snapshot written by <see cref="WriteSnapshotAsync"/>.</summary>
    public static async Task<PnlSnapshot?> ReadSnapshotAsync(IServiceProvider services, string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var sealedBytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        var json = services.GetRequiredService<IEnvelopeEncryptor>().Decrypt(sealedBytes, SnapshotContext);
        return services.GetRequiredService<IClassifiedJsonSerializer>().Deserialize<PnlSnapshot>(json);
    }

    private static ComplianceSide ToCompliance(ReplaySide side) => side == ReplaySide.Buy ? ComplianceSide.Buy : ComplianceSide.Sell;

    private static void Count(SortedDictionary<string, long> counts, string key) =>
        counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;
}
