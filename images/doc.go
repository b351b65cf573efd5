// Package images takes in the photos of an edition and prepares them for each
// format: it decodes JPEG, PNG, GIF and WebP within limits, turns them upright
// (EXIF orientation), converts them to RGB, scales them and encodes them as
// JPEG or PNG. The same input always gives the same bytes.
//
// It is not an image editor and never fetches anything: callers hand it bytes
// they have already read. It knows nothing of articles or books.
package images
