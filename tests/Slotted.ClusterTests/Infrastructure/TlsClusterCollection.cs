namespace Slotted.ClusterTests.Infrastructure;

/// <summary>Tests marked <c>[Collection(TlsClusterCollection.Name)]</c> share one <see cref="TlsClusterFixture"/> and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class TlsClusterCollection : ICollectionFixture<TlsClusterFixture>
{
    /// <summary>The collection name: "tls-cluster".</summary>
    public const string Name = "tls-cluster";
}
