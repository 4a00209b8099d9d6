/**
 * Example vae4j programs through {@code vae.api}: a VAE with a 2-d latent space that embeds, scores
 * and samples MNIST images ({@code MnistEmbedding}), and a conditional VAE and a semi-supervised M2
 * ({@code FewLabels}). vae.models and vae.simd are bound as services at run time.
 */
module vae.example.embedding {
    requires vae.core;
}
