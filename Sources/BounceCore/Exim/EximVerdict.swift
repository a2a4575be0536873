/// What a part of the Exim parser made of a line whose event it filled in place.
enum EximVerdict {
    case event
    case ignored
    case unrecognized
}
