namespace Slotted.MultiKey;

/// <summary>The sorted-set combination to compute.</summary>
internal enum ZSetOperation
{
    Union,
    Inter,
    Diff,
}
