// `InputFile` and the byte helpers are part of what Transcript offers:
// code that imports Transcript gets them without a second import.
@_exported import ByteLevel
