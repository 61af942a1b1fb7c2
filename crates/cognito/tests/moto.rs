//! kairos-cognito against moto's real Cognito server on loopback.

use aws_sdk_cognitoidentityprovider::{Client, Config, config::Credentials, config::Region};
use kairos_cognito::CognitoAdmin;
use kairos_harness::Moto;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn admin(moto: &Moto) -> CognitoAdmin {
    let config = Config::builder()
        .behavior_version_latest()
        .region(Region::new("us-east-1"))
        .endpoint_url(moto.url())
        .credentials_provider(Credentials::new("testing", "testing", None, None, "test"))
        .build();
    CognitoAdmin::from_client(
        Client::from_conf(config),
        "us-east-1".into(),
        Some(moto.url()),
    )
}

#[tokio::test]
async fn lists_every_pool_across_pages() -> TestResult {
    let moto = Moto::start()?;
    // More than one page of 60, so the paging loop is exercised.
    for i in 0..65 {
        moto.create_user_pool(&format!("pool-{i:02}"))?;
    }
    let pools = admin(&moto).list_user_pools().await?;
    assert_eq!(pools.len(), 65);
    let mut names: Vec<_> = pools.iter().map(|p| p.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names.first(), Some(&"pool-00"));
    assert_eq!(names.last(), Some(&"pool-64"));
    assert!(pools.iter().all(|p| p.id.starts_with("us-east-1_")));

    moto.reset()?;
    assert!(admin(&moto).list_user_pools().await?.is_empty());
    Ok(())
}
