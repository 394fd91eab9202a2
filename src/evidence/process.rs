//! Image processing for evidence: check the size the header claims, decode within limits, scale
//! down, turn upright, re-encode (which leaves every piece of metadata behind: EXIF with GPS, XMP,
//! comments, ICC) and make a thumbnail.
//!
//! Invariants:
//! - no pixel is decoded before the header's width x height is checked against the pixel limit,
//!   so a small file claiming a huge image (a "decompression bomb") costs nothing;
//! - the decoder itself is capped as well (`MAX_SIDE`, `MAX_ALLOC`), should a header lie;
//! - a stored image is at most `STORED_MAX_SIDE` on its longest side.

use crate::domain::evidence::{self, EvidenceKind};
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::codecs::webp::WebPEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage};
use std::io::{BufRead, Seek};

/// Largest side the decoder accepts at all. A phone photo is 4000-8000 px.
const MAX_SIDE: u32 = 12_000;
/// Decoder memory cap; a 12000 x 12000 RGBA image needs 576 MB, so very large images with alpha
/// are refused by this before the side limit.
const MAX_ALLOC: u64 = 512 * 1024 * 1024;
const PHOTO_QUALITY: u8 = 88;
const THUMB_QUALITY: u8 = 80;

/// What an image may be: the configured pixel limit and the longest side it is stored at.
#[derive(Debug, Clone, Copy)]
pub struct ImageRules {
    pub max_pixels: u64,
    pub stored_max_side: u32,
}

impl Default for ImageRules {
    fn default() -> Self {
        ImageRules {
            max_pixels: evidence::DEFAULT_MAX_PIXELS,
            stored_max_side: evidence::STORED_MAX_SIDE,
        }
    }
}

/// A cleaned image, ready to store.
#[derive(Debug)]
pub struct Processed {
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// JPEG, at most `THUMBNAIL_MAX_SIDE` on the long side.
    pub thumbnail: Vec<u8>,
}

/// Reads the header and refuses an image over the pixel limit; then decodes, scales it down to
/// the stored size, applies the EXIF orientation, re-encodes in the same format and makes a
/// thumbnail. Errors are translation keys. CPU-bound: call from a blocking task.
pub fn process_image<R: BufRead + Seek>(
    input: R,
    kind: EvidenceKind,
    rules: &ImageRules,
) -> Result<Processed, &'static str> {
    let format = match kind {
        EvidenceKind::Jpeg => ImageFormat::Jpeg,
        EvidenceKind::Png => ImageFormat::Png,
        EvidenceKind::Webp => ImageFormat::WebP,
        EvidenceKind::Pdf => return Err(evidence::ERROR_UNSUPPORTED),
    };
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    let mut reader = ImageReader::with_format(input, format);
    reader.limits(limits);
    // Only the header is read here; the pixels come with `from_decoder`.
    let mut decoder = reader.into_decoder().map_err(classify)?;
    let (claimed_width, claimed_height) = decoder.dimensions();
    evidence::check_pixels(claimed_width, claimed_height, rules.max_pixels).inspect_err(|_| {
        tracing::info!(
            width = claimed_width,
            height = claimed_height,
            max_pixels = rules.max_pixels,
            "evidence image refused before decoding: too many pixels"
        );
    })?;
    // A photo taken sideways says so in EXIF; the stored copy loses EXIF, so it is turned here.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let img = DynamicImage::from_decoder(decoder).map_err(classify)?;
    let mut img = scale_down(img, rules.stored_max_side);
    img.apply_orientation(orientation);
    let (width, height) = (img.width(), img.height());
    let bytes = encode(&img, kind).map_err(|e| {
        tracing::error!(error = %e, "evidence re-encode failed");
        evidence::ERROR_UNREADABLE
    })?;
    let thumbnail = thumbnail(&img).map_err(|e| {
        tracing::error!(error = %e, "evidence thumbnail failed");
        evidence::ERROR_UNREADABLE
    })?;
    Ok(Processed {
        bytes,
        width,
        height,
        thumbnail,
    })
}

/// The image at most `max_side` on its longest side (Catmull-Rom: sharp, and quick enough for a
/// 12-megapixel photo).
fn scale_down(img: DynamicImage, max_side: u32) -> DynamicImage {
    let (width, height) = evidence::fit_within(img.width(), img.height(), max_side);
    if (width, height) == (img.width(), img.height()) {
        img
    } else {
        img.resize_exact(width, height, FilterType::CatmullRom)
    }
}

fn classify(err: image::ImageError) -> &'static str {
    match err {
        image::ImageError::Limits(_) => evidence::ERROR_TOO_MANY_PIXELS,
        other => {
            tracing::info!(error = %other, "evidence image could not be decoded");
            evidence::ERROR_UNREADABLE
        }
    }
}

fn encode(img: &DynamicImage, kind: EvidenceKind) -> image::ImageResult<Vec<u8>> {
    let mut out = Vec::new();
    match kind {
        EvidenceKind::Jpeg => {
            out = if img.color().has_color() {
                let rgb = img.to_rgb8();
                encode_jpeg(
                    &rgb,
                    rgb.width(),
                    rgb.height(),
                    jpeg_encoder::ColorType::Rgb,
                    PHOTO_QUALITY,
                )?
            } else {
                let luma = img.to_luma8();
                encode_jpeg(
                    &luma,
                    luma.width(),
                    luma.height(),
                    jpeg_encoder::ColorType::Luma,
                    PHOTO_QUALITY,
                )?
            };
        }
        EvidenceKind::Png => {
            let encoder = PngEncoder::new_with_quality(
                &mut out,
                CompressionType::Default,
                PngFilter::Adaptive,
            );
            // 16-bit screenshots are rare; 8 bits per channel keeps them readable and smaller.
            match (img.color().has_color(), img.color().has_alpha()) {
                (true, true) => img.to_rgba8().write_with_encoder(encoder)?,
                (true, false) => img.to_rgb8().write_with_encoder(encoder)?,
                (false, true) => img.to_luma_alpha8().write_with_encoder(encoder)?,
                (false, false) => img.to_luma8().write_with_encoder(encoder)?,
            }
        }
        EvidenceKind::Webp => {
            // The only WebP encoder available in pure Rust is lossless: exact, but larger for photos.
            let encoder = WebPEncoder::new_lossless(&mut out);
            if img.color().has_alpha() {
                img.to_rgba8().write_with_encoder(encoder)?;
            } else {
                img.to_rgb8().write_with_encoder(encoder)?;
            }
        }
        EvidenceKind::Pdf => {}
    }
    Ok(out)
}

/// A JPEG thumbnail; transparent parts are laid on white (the page background), not black.
fn thumbnail(img: &DynamicImage) -> image::ImageResult<Vec<u8>> {
    let side = evidence::THUMBNAIL_MAX_SIDE;
    let small = if img.width().max(img.height()) > side {
        img.thumbnail(side, side)
    } else {
        img.clone()
    };
    let rgb = flatten_on_white(&small);
    encode_jpeg(
        &rgb,
        rgb.width(),
        rgb.height(),
        jpeg_encoder::ColorType::Rgb,
        THUMB_QUALITY,
    )
}

/// JPEG through `jpeg-encoder`, several times faster than `image`'s encoder on large photos. It
/// writes a plain JFIF header and nothing else: no EXIF, no comments.
fn encode_jpeg(
    pixels: &[u8],
    width: u32,
    height: u32,
    color: jpeg_encoder::ColorType,
    quality: u8,
) -> image::ImageResult<Vec<u8>> {
    let too_big = || {
        image::ImageError::Limits(image::error::LimitError::from_kind(
            image::error::LimitErrorKind::DimensionError,
        ))
    };
    let width = u16::try_from(width).map_err(|_| too_big())?;
    let height = u16::try_from(height).map_err(|_| too_big())?;
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, quality)
        .encode(pixels, width, height, color)
        .map_err(|e| {
            image::ImageError::Encoding(image::error::EncodingError::new(
                image::error::ImageFormatHint::Exact(ImageFormat::Jpeg),
                e,
            ))
        })?;
    Ok(out)
}

fn flatten_on_white(img: &DynamicImage) -> RgbImage {
    if !img.color().has_alpha() {
        return img.to_rgb8();
    }
    let rgba = img.to_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let alpha = u32::from(a);
        let blend = |c: u8| ((u32::from(c) * alpha + 255 * (255 - alpha)) / 255) as u8;
        image::Rgb([blend(r), blend(g), blend(b)])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{GenericImageView, Rgba, RgbaImage};
    use std::io::Cursor;

    fn process(bytes: &[u8], kind: EvidenceKind) -> Result<Processed, &'static str> {
        process_image(Cursor::new(bytes), kind, &ImageRules::default())
    }

    fn png_bytes(img: &DynamicImage) -> Vec<u8> {
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .expect("encode png");
        out
    }

    #[test]
    fn transparent_png_keeps_alpha_and_gets_a_white_backed_thumbnail() {
        let img = DynamicImage::ImageRgba8(RgbaImage::from_pixel(640, 200, Rgba([0, 0, 0, 0])));
        let out = process(&png_bytes(&img), EvidenceKind::Png).expect("processed");
        assert_eq!((out.width, out.height), (640, 200));
        let stored = image::load_from_memory(&out.bytes).expect("stored decodes");
        assert!(stored.color().has_alpha());
        let thumb = image::load_from_memory(&out.thumbnail).expect("thumb decodes");
        assert_eq!(thumb.dimensions(), (320, 100));
        let [r, g, b, _] = thumb.get_pixel(10, 10).0;
        assert!(r > 240 && g > 240 && b > 240, "white, not black");
    }

    #[test]
    fn small_images_are_not_blown_up() {
        let img = DynamicImage::ImageRgb8(RgbImage::from_pixel(40, 30, image::Rgb([9, 99, 199])));
        let out = process(&png_bytes(&img), EvidenceKind::Png).expect("processed");
        let thumb = image::load_from_memory(&out.thumbnail).expect("thumb decodes");
        assert_eq!(thumb.dimensions(), (40, 30));
    }

    #[test]
    fn garbage_behind_a_valid_signature_is_unreadable() {
        let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0];
        bytes.extend_from_slice(&[0x42; 500]);
        assert_eq!(
            process(&bytes, EvidenceKind::Jpeg).map(|p| p.width),
            Err(evidence::ERROR_UNREADABLE)
        );
    }

    /// A PNG whose header (IHDR) claims `width` x `height`, followed by a pixel data chunk (IDAT)
    /// that is not even valid compressed data: decoding it fails, reading the header does not.
    fn png_claiming(width: u32, height: u32) -> Vec<u8> {
        fn chunk(png: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
            let mut body = kind.to_vec();
            body.extend_from_slice(data);
            png.extend_from_slice(&(data.len() as u32).to_be_bytes());
            png.extend_from_slice(&body);
            png.extend_from_slice(&crc32(&body).to_be_bytes());
        }
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&width.to_be_bytes());
        ihdr.extend_from_slice(&height.to_be_bytes());
        ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
        chunk(&mut png, b"IHDR", &ihdr);
        chunk(&mut png, b"IDAT", &[0x42; 16]);
        chunk(&mut png, b"IEND", &[]);
        png
    }

    #[test]
    fn huge_dimensions_are_refused_before_decoding() {
        // A valid PNG header claiming 20000 x 20000 pixels: refused on the header alone.
        assert_eq!(
            process(&png_claiming(20_000, 20_000), EvidenceKind::Png).map(|p| p.width),
            Err(evidence::ERROR_TOO_MANY_PIXELS)
        );
    }

    #[test]
    fn the_pixel_limit_is_checked_on_the_header_before_any_pixel_is_read() {
        // 10000 x 6000 = 60 megapixels: within the decoder's side and memory caps, over the pixel
        // limit. Its pixel data is garbage, so had it been decoded it would be "unreadable".
        let header = png_claiming(10_000, 6_000);
        assert_eq!(
            process(&header, EvidenceKind::Png).map(|p| p.width),
            Err(evidence::ERROR_TOO_MANY_PIXELS)
        );
        let rules = ImageRules {
            max_pixels: 70_000_000,
            ..ImageRules::default()
        };
        assert_eq!(
            process_image(Cursor::new(&header), EvidenceKind::Png, &rules).map(|p| p.width),
            Err(evidence::ERROR_UNREADABLE),
            "under a higher limit it is decoded, and fails for want of pixels"
        );
        // The limit is the configured one: 100 x 100 is 10,000 pixels.
        let small = ImageRules {
            max_pixels: 9_999,
            ..ImageRules::default()
        };
        let img = DynamicImage::ImageRgb8(RgbImage::new(100, 100));
        assert_eq!(
            process_image(Cursor::new(png_bytes(&img)), EvidenceKind::Png, &small).map(|p| p.width),
            Err(evidence::ERROR_TOO_MANY_PIXELS)
        );
    }

    #[test]
    fn large_images_are_scaled_down_to_the_stored_side() {
        let img =
            DynamicImage::ImageRgb8(RgbImage::from_pixel(3000, 1000, image::Rgb([9, 99, 199])));
        let out = process(&png_bytes(&img), EvidenceKind::Png).expect("processed");
        assert_eq!((out.width, out.height), (2560, 853));
        let stored = image::load_from_memory(&out.bytes).expect("stored decodes");
        assert_eq!(stored.dimensions(), (2560, 853));
        let rules = ImageRules {
            stored_max_side: 500,
            ..ImageRules::default()
        };
        let out = process_image(Cursor::new(png_bytes(&img)), EvidenceKind::Png, &rules)
            .expect("processed");
        assert_eq!((out.width, out.height), (500, 167));
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
}
