namespace Slotted;

/// <summary>
/// One page of a cursor scan (SCAN, SSCAN, HSCAN, ZSCAN): the cursor to pass to the next call (0
/// when the iteration is complete) and the items of this page.
/// </summary>
/// <typeparam name="T">Keys, members, field/value or member/score pairs.</typeparam>
/// <param name="Cursor">The next cursor; 0 when the scan is complete.</param>
/// <param name="Items">The page's items (possibly none even when <paramref name="Cursor"/> is not 0).</param>
public readonly record struct ScanResult<T>(long Cursor, IReadOnlyList<T> Items);
