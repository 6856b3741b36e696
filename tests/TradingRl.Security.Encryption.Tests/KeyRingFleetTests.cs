namespace TradingRl.Security.Encryption.Tests;

/// <summary>Several key rings (hosts) over one store: each change is decided once, the losers reload.</summary>
public sealed class KeyRingFleetTests
{
    [Fact]
    public void Rotate_OnTwoHostsOneAfterTheOther_RotatesOnceForTheFleet()
    {
        var store = new InMemoryKeyRingStore();
        using var hostA = TestKeys.Ring(store);
        using var hostB = TestKeys.Ring(store);
        var first = hostA.CurrentKeyId;

        var rotatedA = hostA.Rotate("scheduled");
        var rotatedB = hostB.Rotate("scheduled");

        Assert.NotEqual(first, rotatedA.Id);
        Assert.Equal(rotatedA.Id, rotatedB.Id);
        Assert.Equal(rotatedA.Id, hostB.CurrentKeyId);
        Assert.Equal(2, hostB.GetKeys().Count);
        Assert.Equal(2, TestKeys.Ring(store).GetKeys().Count);
    }

    [Fact]
    public void Rotate_OnEightHostsAtOnce_LeavesOneNewKey()
    {
        var store = new InMemoryKeyRingStore();
        var hosts = Enumerable.Range(0, 8).Select(_ => TestKeys.Ring(store)).ToList();
        var first = hosts[0].CurrentKeyId;

        var rotated = new DataKeyInfo[hosts.Count];
        Parallel.For(0, hosts.Count, i => rotated[i] = hosts[i].Rotate("scheduled"));

        using var observer = TestKeys.Ring(store);
        Assert.Equal(2, observer.GetKeys().Count);
        Assert.All(rotated, r => Assert.Equal(observer.CurrentKeyId, r.Id));
        Assert.NotEqual(first, observer.CurrentKeyId);
        hosts.ForEach(h => h.Dispose());
    }

    [Fact]
    public void Constructor_EightHostsOnAnEmptyStoreAtOnce_CreateOneRing()
    {
        var store = new InMemoryKeyRingStore();
        var rings = new KeyRing[8];

        Parallel.For(0, rings.Length, i => rings[i] = TestKeys.Ring(store));

        Assert.Single(rings.Select(r => r.CurrentKeyId).Distinct());
        Assert.Single(rings[0].GetKeys());
        foreach (var r in rings)
        {
            r.Dispose();
        }
    }

    [Fact]
    public void Decrypt_DataUnderAKeyAnotherHostRotatedTo_ReloadsAndDecrypts()
    {
        var store = new InMemoryKeyRingStore();
        using var hostA = TestKeys.Ring(store);
        using var hostB = TestKeys.Ring(store);
        hostA.Rotate("on demand");
        var ciphertext = TestKeys.Encryptor(hostA).Encrypt("order 42"u8, "ctx"u8);

        var plaintext = TestKeys.Encryptor(hostB).Decrypt(ciphertext, "ctx"u8);

        Assert.Equal("order 42"u8.ToArray(), plaintext);
        Assert.Equal(hostA.CurrentKeyId, hostB.CurrentKeyId);
    }

    [Fact]
    public void Revoke_OnAHostWithAStaleRing_ReloadsAndRevokesKeepingTheOtherHostsRotation()
    {
        var store = new InMemoryKeyRingStore();
        using var hostA = TestKeys.Ring(store);
        using var hostB = TestKeys.Ring(store);
        var first = hostA.CurrentKeyId;
        var second = hostA.Rotate("on demand").Id;

        hostB.Revoke(first);

        using var observer = TestKeys.Ring(store);
        var keys = observer.GetKeys();
        Assert.Equal(2, keys.Count);
        Assert.Equal(second, observer.CurrentKeyId);
        Assert.Equal(DataKeyStatus.Revoked, keys.Single(k => k.Id == first).Status);
    }

    [Fact]
    public void Encrypt_TwoHostsReservingUsage_ReservationsNeverOverlap()
    {
        var store = new InMemoryKeyRingStore();
        using var hostA = TestKeys.Ring(store, configure: o => o.MaxMessagesPerKey = 4096);
        using var hostB = TestKeys.Ring(store, configure: o => o.MaxMessagesPerKey = 4096);
        var a = TestKeys.Encryptor(hostA);
        var b = TestKeys.Encryptor(hostB);

        // Blocks of 4 messages (4096 / 1024): each host's reservation lands after the other's.
        for (var i = 0; i < 10; i++)
        {
            a.Encrypt("x"u8, "c"u8);
            b.Encrypt("y"u8, "c"u8);
        }

        using var observer = TestKeys.Ring(store);
        var reserved = observer.GetKeys().Single(k => k.Id == observer.CurrentKeyId).MessagesReserved;
        Assert.True(reserved >= 20, $"the fleet encrypted 20 messages but only {reserved} are reserved");
    }
}
