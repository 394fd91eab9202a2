//! Image processing for evidence: decode within limits, turn upright, re-encode (which leaves every
//! piece of metadata behind: EXIF with GPS, XMP, comments, ICC) and make a thumbnail.

use crate::domain::evidence::{self, EvidenceKind};
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::codecs::webp::WebPEncoder;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage};
use std::io::Cursor;

/// Largest side accepted. A phone photo is 4000-8000 px; beyond this a small file could still
/// decode to gigabytes ("decompression bomb").
const MAX_SIDE: u32 = 12_000;
/// Decoder memory cap; a 12000 x 12000 RGBA image needs 576 MB, so very large images with alpha
/// are refused by this before the side limit.
const MAX_ALLOC: u64 = 512 * 1024 * 1024;
const PHOTO_QUALITY: u8 = 88;
const THUMB_QUALITY: u8 = 80;

/// A cleaned image, ready to store.
#[derive(Debug)]
pub struct Processed {
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// JPEG, at most `THUMBNAIL_MAX_SIDE` on the long side.
    pub thumbnail: Vec<u8>,
}

/// Decodes, applies the EXIF orientation, re-encodes in the same format and makes a thumbnail.
/// Errors are translation keys. CPU-bound: call from a blocking task.
pub fn process_image(bytes: &[u8], kind: EvidenceKind) -> Result<Processed, &'static str> {
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
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(classify)?;
    // A photo taken sideways says so in EXIF; the stored copy loses EXIF, so it is turned here.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(classify)?;
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

    fn png_bytes(img: &DynamicImage) -> Vec<u8> {
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .expect("encode png");
        out
    }

    #[test]
    fn transparent_png_keeps_alpha_and_gets_a_white_backed_thumbnail() {
        let img = DynamicImage::ImageRgba8(RgbaImage::from_pixel(640, 200, Rgba([0, 0, 0, 0])));
        let out = process_image(&png_bytes(&img), EvidenceKind::Png).expect("processed");
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
        let out = process_image(&png_bytes(&img), EvidenceKind::Png).expect("processed");
        let thumb = image::load_from_memory(&out.thumbnail).expect("thumb decodes");
        assert_eq!(thumb.dimensions(), (40, 30));
    }

    #[test]
    fn garbage_behind_a_valid_signature_is_unreadable() {
        let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0];
        bytes.extend_from_slice(&[0x42; 500]);
        assert_eq!(
            process_image(&bytes, EvidenceKind::Jpeg).map(|p| p.width),
            Err(evidence::ERROR_UNREADABLE)
        );
    }

    #[test]
    fn huge_dimensions_are_refused_before_decoding() {
        // A valid PNG header claiming 20000 x 20000 pixels: refused on the header alone.
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(b"IHDR");
        ihdr.extend_from_slice(&20_000u32.to_be_bytes());
        ihdr.extend_from_slice(&20_000u32.to_be_bytes());
        ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
        png.extend_from_slice(&13u32.to_be_bytes());
        png.extend_from_slice(&ihdr);
        png.extend_from_slice(&crc32(&ihdr).to_be_bytes());
        assert_eq!(
            process_image(&png, EvidenceKind::Png).map(|p| p.width),
            Err(evidence::ERROR_TOO_MANY_PIXELS)
        );
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
