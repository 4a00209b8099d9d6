/**
 * An example vae4j program: trains a VAE with a 2-d latent space on MNIST through {@code vae.api},
 * then embeds, scores and samples images. vae.models and vae.simd are bound as services at run time.
 */
module vae.example.embedding {
    requires vae.core;
}
